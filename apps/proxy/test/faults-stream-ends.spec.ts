import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import fc from 'fast-check';
import { relaySse, type RelayOutcome } from '../src/streaming/sse-relay';
import { AbortHandle } from '../src/upstream/abort-handle';
import { checkFirstData } from '../src/upstream/first-event';
import { readableBody } from './support/readable-body';

/**
 * The edges of an upstream stream the fault tests cannot produce with the simulator:
 * how the first event is judged (before anything reaches the client), and a body that
 * ends in the middle of an event after a good start.
 */
describe('faults: the first event of an upstream stream', () => {
  it('judges the first data event, skipping comments, and waits for it to be complete', () => {
    expect(checkFirstData(Buffer.from('data: {"id":"x","choices":[]}\n\n'))).toBe('valid');
    expect(checkFirstData(Buffer.from(': ping\n\ndata: {"id":"x"}\r\n\r\n'))).toBe('valid');
    expect(checkFirstData(Buffer.from('data: [DONE]\n\n'))).toBe('valid');
    expect(checkFirstData(Buffer.from('data: {"id":\ndata: "x"}\n\n'))).toBe('valid');
    expect(checkFirstData(Buffer.from('event: chunk\r\ndata:{"id":\r\ndata:  "x"}\r\n\r\n'))).toBe('valid');
    expect(checkFirstData(Buffer.from('data: {"id":\r\ndata\r\ndata: "x"}\r\n\r\n'))).toBe('valid');
    expect(checkFirstData(Buffer.from('data:\n\n'))).toBe('invalid');
    expect(checkFirstData(Buffer.from('data: {"id": this is not json <html>\n\n'))).toBe('invalid');
    expect(checkFirstData(Buffer.from('data: [1,2]\n\n'))).toBe('invalid');
    expect(checkFirstData(Buffer.from('data: {"id":"x","choi'))).toBe('incomplete');
    expect(checkFirstData(Buffer.from(': ping\n\n'))).toBe('incomplete');
    expect(checkFirstData(Buffer.alloc(0))).toBe('incomplete');
  });

  it('never throws and never calls a broken first event valid (random bytes)', () => {
    let cases = 0;
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a).toString('latin1'))), (s) => {
        cases++;
        const v = checkFirstData(Buffer.from(`data: ${s}\n\n`));
        let parses = false;
        try {
          const j = JSON.parse(s) as unknown;
          parses = typeof j === 'object' && j !== null && !Array.isArray(j);
        } catch {
          parses = false;
        }
        return v === (parses || s.trim() === '[DONE]' ? 'valid' : 'invalid') || s.includes('\n');
      }),
      { numRuns: 500 },
    );
    expect(cases).toBe(500);
  });
});

describe('faults: a stream body that ends inside an event', () => {
  let server: Server;
  afterEach(() => new Promise<void>((r) => server.close(() => r())));

  it('ends as broken, and the partial event is not forwarded', async () => {
    let outcome!: Promise<RelayOutcome>;
    server = createServer((_req, res) => {
      const body = new PassThrough();
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      outcome = relaySse(res, Buffer.from('data: {"choices":[{"delta":{"content":"Hel"}}]}\n\n'), readableBody(body), new AbortHandle(), {
        dropUsageChunk: true,
        beforeDone: () => null,
        collect: null,
      }).then((o) => {
        res.end();
        return o;
      });
      body.write('data: {"choices":[{"delta":{"content":"lo"}}]}\n\ndata: {"choices":[{"del');
      body.end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const received = await new Promise<string>((resolve, reject) => {
      const req = request(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve(text));
      });
      req.on('error', reject);
      req.end();
    });
    expect(await outcome).toMatchObject({ end: 'upstream-error', error: 'the upstream stream ended inside an event', sawDone: false });
    expect(received).toBe('data: {"choices":[{"delta":{"content":"Hel"}}]}\n\ndata: {"choices":[{"delta":{"content":"lo"}}]}\n\n');
  });
});
