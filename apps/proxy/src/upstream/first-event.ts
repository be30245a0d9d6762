import type { UpstreamFailure } from '@switchyard/routing';
import { nextEventEnd } from '../streaming/sse-scan';
import type { BodySink, UpstreamBody } from './upstream-stream';

export type FirstEvent = { ok: true; first: Buffer } | { ok: false; failure: UpstreamFailure; message: string };

/** Bytes held back looking for the first data event; past this the stream is relayed as it is. */
const MAX_HELD = 256 * 1024;

/**
 * Reads a stream body up to its first complete data event and checks it: a JSON
 * object (or `[DONE]`). Nothing has reached the client yet, so a stream that starts
 * with garbage, or ends inside (or before) its first event, is a failed attempt — the
 * next fallback is tried, or the client gets a clean 502 — instead of a 200 whose
 * body the client cannot read. One parse per stream, of a small event; the body is
 * then detached (what comes next waits for the relay) and every later event is
 * relayed unread. A body that fails here is destroyed.
 */
export function firstEvent(body: UpstreamBody): Promise<FirstEvent> {
  return new Promise((resolve, reject) => body.attach(new FirstEventSink(body, resolve, reject)));
}

class FirstEventSink implements BodySink {
  private held: Buffer | null = null;

  constructor(
    private readonly body: UpstreamBody,
    private readonly resolve: (r: FirstEvent) => void,
    private readonly reject: (err: Error) => void,
  ) {}

  data(chunk: Buffer): void {
    const held = this.held ? Buffer.concat([this.held, chunk]) : chunk;
    this.held = held;
    const verdict = checkFirstData(held);
    if (verdict === 'incomplete' && held.length <= MAX_HELD) return;
    if (verdict === 'invalid') {
      this.body.destroy();
      this.resolve({ ok: false, failure: { kind: 'status', status: 502 }, message: 'the upstream stream began with an event that is not a JSON object' });
      return;
    }
    this.body.detach();
    this.resolve({ ok: true, first: held });
  }

  end(): void {
    const message = this.held ? 'the upstream ended the stream inside its first event' : 'the upstream ended the stream before sending anything';
    this.resolve({ ok: false, failure: { kind: 'connection' }, message });
  }

  error(err: Error): void {
    this.reject(err);
  }
}

/**
 * Looks at the complete events in `buf`, skipping comment-only ones (`: ping`): the
 * first with `data:` lines is 'valid' when its data is `[DONE]` or a JSON object.
 */
export function checkFirstData(buf: Buffer): 'valid' | 'invalid' | 'incomplete' {
  let start = 0;
  while (start < buf.length) {
    const end = nextEventEnd(buf, start);
    if (end === buf.length && !endsEvent(buf)) return 'incomplete';
    const data = eventData(buf.toString('utf8', start, end));
    if (data !== null) {
      if (data.trim() === '[DONE]') return 'valid';
      try {
        const v = JSON.parse(data) as unknown;
        return typeof v === 'object' && v !== null && !Array.isArray(v) ? 'valid' : 'invalid';
      } catch {
        return 'invalid';
      }
    }
    start = end;
  }
  return 'incomplete';
}

/** The data of one event: its `data:` lines joined with LF (one optional space after the colon dropped), or null if it has none. */
function eventData(event: string): string | null {
  let data: string | null = null;
  for (let pos = 0; pos < event.length; ) {
    let nl = event.indexOf('\n', pos);
    if (nl < 0) nl = event.length;
    if (event.startsWith('data:', pos)) {
      const lineEnd = nl > pos && event.charCodeAt(nl - 1) === 0x0d ? nl - 1 : nl;
      const value = event.slice(Math.min(lineEnd, pos + (event.charCodeAt(pos + 5) === 0x20 ? 6 : 5)), lineEnd);
      data = data === null ? value : `${data}\n${value}`;
    }
    pos = nl + 1;
  }
  return data;
}

function endsEvent(buf: Buffer): boolean {
  const n = buf.length;
  return (n >= 2 && buf[n - 1] === 0x0a && buf[n - 2] === 0x0a) || (n >= 4 && buf.toString('latin1', n - 4) === '\r\n\r\n');
}
