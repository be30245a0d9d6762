import type { Dispatcher } from 'undici';
import type { UpstreamFailure } from '@switchyard/routing';
import { nextEventEnd } from '../streaming/sse-scan';

type Body = Dispatcher.ResponseData['body'];

/**
 * What happened to a stream body after its first event, until the relay takes over:
 * a short body can end (or fail) while it sits paused, and its 'end' must not be lost.
 */
export interface BodyAfterFirst {
  ended: boolean;
  error: Error | null;
  /** Removes the listeners that fill this in (the relay installs its own). */
  detach(): void;
}

export type FirstEvent = { ok: true; first: Buffer; after: BodyAfterFirst } | { ok: false; failure: UpstreamFailure; message: string };

/** Bytes held back looking for the first data event; past this the stream is relayed as it is. */
const MAX_HELD = 256 * 1024;

/**
 * Reads a stream body up to its first complete data event and checks it: a JSON
 * object (or `[DONE]`). Nothing has reached the client yet, so a stream that starts
 * with garbage, or ends inside (or before) its first event, is a failed attempt — the
 * next fallback is tried, or the client gets a clean 502 — instead of a 200 whose
 * body the client cannot read. One parse per stream, of a small event; the body is
 * paused after it and every later event is relayed unread.
 */
export function firstEvent(body: Body): Promise<FirstEvent> {
  return new Promise((resolve, reject) => {
    const after: BodyAfterFirst = { ended: false, error: null, detach: () => undefined };
    let held: Buffer | null = null;
    let done = false;
    const stop = () => {
      done = true;
      body.off('data', onData);
    };
    const onData = (c: Buffer) => {
      held = held ? Buffer.concat([held, c]) : c;
      const verdict = checkFirstData(held);
      if (verdict === 'incomplete' && held.length <= MAX_HELD) return;
      stop();
      if (verdict === 'invalid') {
        body.off('end', onEnd);
        body.off('error', onError);
        // Destroying emits an abort error: heard and ignored (an unheard 'error' would crash the process).
        body.on('error', () => undefined);
        body.destroy();
        resolve({ ok: false, failure: { kind: 'status', status: 502 }, message: 'the upstream stream began with an event that is not a JSON object' });
        return;
      }
      body.pause();
      after.detach = () => {
        body.off('end', onEnd);
        body.off('error', onError);
      };
      resolve({ ok: true, first: held, after });
    };
    const onEnd = () => {
      if (done) {
        after.ended = true;
        return;
      }
      stop();
      body.off('error', onError);
      const message = held ? 'the upstream ended the stream inside its first event' : 'the upstream ended the stream before sending anything';
      resolve({ ok: false, failure: { kind: 'connection' }, message });
    };
    const onError = (err: Error) => {
      if (done) {
        after.error = err;
        return;
      }
      stop();
      body.off('end', onEnd);
      reject(err);
    };
    body.on('data', onData);
    body.once('end', onEnd);
    body.once('error', onError);
  });
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
    let data: string | null = null;
    for (const line of buf.toString('utf8', start, end).split(/\r?\n/)) {
      if (line.startsWith('data:')) data = (data === null ? '' : `${data}\n`) + line.slice(line.startsWith('data: ') ? 6 : 5);
    }
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

function endsEvent(buf: Buffer): boolean {
  const n = buf.length;
  return (n >= 2 && buf[n - 1] === 0x0a && buf[n - 2] === 0x0a) || (n >= 4 && buf.toString('latin1', n - 4) === '\r\n\r\n');
}
