import { readFileSync } from 'node:fs';
import { createServer, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import fc from 'fast-check';
import { AbortHandle } from '../upstream/abort-handle';
import { readableBody } from '../../test/support/readable-body';
import { relaySse, type RelayOptions, type RelayOutcome } from './sse-relay';
import { countGeneratedTokens, eventStart, findDone, findUsageObject, lastEventEnd, nextEventEnd, parseUsageEvent } from './sse-scan';

const fixture = readFileSync(join(__dirname, '../providers/openai/fixtures/chat-stream.sse'));
const events = fixture.toString('utf8').split('\n\n').filter((e) => e !== '').map((e) => `${e}\n\n`);

describe('SSE scanning', () => {
  it('finds the end of the last complete event, LF or CRLF', () => {
    expect(lastEventEnd(Buffer.from('data: a\n\ndata: b'))).toBe(9);
    expect(lastEventEnd(Buffer.from('data: a\r\n\r\n'))).toBe(11);
    expect(lastEventEnd(Buffer.from('data: a\n'))).toBe(-1);
    expect(lastEventEnd(Buffer.from('data: a\n\ndata: b\r\n\r\ndata: c'))).toBe(20);
    expect(lastEventEnd(Buffer.from('data: a\r\n\r\ndata: b\n\ndata: c'))).toBe(20);
    expect(lastEventEnd(Buffer.from('data: a\r\n\r\ndata: b\r'))).toBe(11);
  });

  it('finds where an event ends and where it starts, LF, CRLF or both in one block', () => {
    const mixed = Buffer.from('data: a\n\ndata: b\r\n\r\ndata: c\n\n');
    // [0,9) a, [9,20) b, [20,29) c
    expect([0, 9, 20].map((from) => nextEventEnd(mixed, from))).toEqual([9, 20, 29]);
    expect(nextEventEnd(Buffer.from('data: a\r\n\r\ndata: b\n\n'), 0)).toBe(11);
    expect(nextEventEnd(Buffer.from('data: a\rb\n\n'), 0)).toBe(11);
    expect(nextEventEnd(Buffer.from('data: a\n'), 0)).toBe(8);
    expect([3, 12, 25].map((at) => eventStart(mixed, at))).toEqual([0, 9, 20]);
    expect(eventStart(Buffer.from('data: a\r\n\r\ndata: b'), 15)).toBe(11);
    expect(eventStart(Buffer.from('data: a\r\n\r\ndata: b\n\ndata: c'), 24)).toBe(20);
  });

  it('tells a usage object from "usage": null, and finds the last one', () => {
    expect(findUsageObject(Buffer.from('{"usage":null}'))).toBe(-1);
    expect(findUsageObject(Buffer.from('{"usage": {"prompt_tokens":1}}'))).toBe(1);
    const running = Buffer.from('data: {"usage":{"prompt_tokens":1}}\n\ndata: {"usage":null}\n\ndata: {"usage":{"prompt_tokens":2}}\n\n');
    expect(findUsageObject(running)).toBe(running.lastIndexOf('"usage"'));
    expect(parseUsageEvent(Buffer.from(events[3]))).toEqual({ usage: { promptTokens: 9, completionTokens: 3, cachedTokens: 0 }, usageOnly: true });
  });

  it('counts generated tokens in place, escapes included, without parsing JSON', () => {
    // "Hel\"lo" → Hel, \", lo; " world" → world
    expect(countGeneratedTokens(fixture)).toBe(4);
    expect(countGeneratedTokens(Buffer.from('data: {"choices":[{"delta":{"tool_calls":[{"function":{"arguments":"{\\"id\\": 42}"}}]}}]}\n\n'))).toBeGreaterThan(2);
  });

  it('finds [DONE] only on a data line', () => {
    expect(findDone(Buffer.from('data: {"text":"[DONE]"}\n\ndata: [DONE]\n\n'))).toBe(25);
    expect(findDone(Buffer.from('data: {"text":"[DONE]"}\n\n'))).toBe(-1);
  });
});

/** A real HTTP exchange whose response is fed by `relaySse` from a controllable upstream body. */
async function relayOver(
  chunks: Buffer[],
  opts: Partial<RelayOptions> = {},
  control?: (body: PassThrough, res: ServerResponse) => void,
): Promise<{ received: string; outcome: RelayOutcome; aborted: boolean }> {
  let outcome!: Promise<RelayOutcome>;
  const abort = new AbortHandle();
  const server: Server = createServer((_req, res) => {
    const body = new PassThrough();
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    const [first, ...rest] = chunks;
    outcome = relaySse(res, first, readableBody(body), abort, { dropUsageChunk: true, beforeDone: () => ': cost 1\n\n', collect: null, ...opts }).then((o) => {
      res.end();
      return o;
    });
    if (control) control(body, res);
    else {
      for (const c of rest) body.write(c);
      body.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const received = await new Promise<string>((resolve) => {
    request({ port, host: '127.0.0.1', method: 'GET' }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve(text));
      res.on('error', () => resolve(text));
    }).end();
  });
  const o = await outcome;
  server.close();
  return { received, outcome: o, aborted: abort.aborted };
}

describe('relaySse', () => {
  const expected = (dropUsage: boolean) => events.map((e, i) => (i === 3 && dropUsage ? '' : i === 4 ? `: cost 1\n\n${e}` : e)).join('');

  it('forwards every event, drops the injected usage chunk, inserts the cost comment before [DONE]', async () => {
    const { received, outcome } = await relayOver([fixture]);
    expect(received).toBe(expected(true));
    expect(outcome).toMatchObject({ end: 'complete', sawDone: true, usage: { promptTokens: 9, completionTokens: 3, cachedTokens: 0 } });
  });

  it('keeps the usage chunk when the client asked for it', async () => {
    const { received } = await relayOver([fixture], { dropUsageChunk: false });
    expect(received).toBe(expected(false));
  });

  it('bills the last usage object when the provider sends running totals in every chunk', async () => {
    const chunk = (n: number) =>
      `data: {"choices":[{"index":0,"delta":{"content":"w${n}"}}],"usage":{"prompt_tokens":9,"completion_tokens":${n},"total_tokens":${9 + n}}}\n\n`;
    const body = [chunk(1), chunk(2), chunk(3), 'data: [DONE]\n\n'];
    for (const chunks of [[Buffer.from(body.join(''))], body.map((b) => Buffer.from(b))]) {
      const { received, outcome } = await relayOver(chunks);
      expect(outcome.usage).toEqual({ promptTokens: 9, completionTokens: 3, cachedTokens: 0 });
      // Chunks that carry text are never dropped, usage or not.
      expect(received).toBe(`${chunk(1)}${chunk(2)}${chunk(3)}: cost 1\n\ndata: [DONE]\n\n`);
    }
  });

  it('gives the same bytes however the upstream splits them', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.integer({ min: 1, max: fixture.length - 1 }), { maxLength: 12 }), async (cuts) => {
        const points = [0, ...cuts.sort((a, b) => a - b), fixture.length];
        const chunks = points.slice(1).map((p, i) => fixture.subarray(points[i], p));
        const { received, outcome } = await relayOver(chunks);
        expect(received).toBe(expected(true));
        expect(outcome.usage?.completionTokens).toBe(3);
      }),
      { numRuns: 40 },
    );
  });

  it('writes each event as it arrives: the client holds event 1 before the upstream produces event 2', async () => {
    let upstream!: PassThrough;
    const server = createServer((_req, res) => {
      upstream = new PassThrough();
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      void relaySse(res, Buffer.from(events[0]), readableBody(upstream), new AbortHandle(), { dropUsageChunk: true, beforeDone: () => null, collect: null }).then(() => res.end());
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    const seen: string[] = [];
    await new Promise<void>((resolve, reject) => {
      request({ port, host: '127.0.0.1' }, (res) => {
        res.setEncoding('utf8');
        res.on('data', (d: string) => {
          seen.push(d);
          // Only now does the upstream produce the next event: a relay that buffered would never get here.
          if (seen.length === 1) {
            upstream.write(events[1]);
            upstream.end();
          }
        });
        res.on('end', () => resolve());
        res.on('error', reject);
      }).end();
    });
    server.close();
    expect(seen[0]).toBe(events[0]);
    expect(seen.join('')).toBe(events[0] + events[1]);
  });

  it('reports an upstream failure mid-stream', async () => {
    const { outcome } = await relayOver([Buffer.from(events[0])], {}, (body) => {
      setTimeout(() => body.destroy(new Error('other side closed')), 10);
    });
    expect(outcome).toMatchObject({ end: 'upstream-error', error: 'other side closed', sawDone: false, usage: null });
  });

  it('aborts the upstream when the client goes away', async () => {
    const { outcome, aborted } = await relayOver([Buffer.from(events[0])], {}, (_body, res) => {
      setTimeout(() => res.destroy(), 10);
    });
    expect(outcome.end).toBe('client-gone');
    expect(aborted).toBe(true);
  });
});
