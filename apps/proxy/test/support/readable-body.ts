import type { Readable } from 'node:stream';
import type { BodySink, UpstreamBody } from '../../src/upstream/upstream-stream';

/** A Node stream as an upstream body (the proxy's own comes from an undici dispatch handler), for relay tests. */
export function readableBody(readable: Readable): UpstreamBody {
  let sink: BodySink | null = null;
  readable.pause();
  readable.on('data', (c: Buffer) => sink?.data(c));
  readable.on('end', () => sink?.end());
  readable.on('error', (err) => sink?.error(err));
  return {
    attach: (s) => {
      sink = s;
      readable.resume();
    },
    detach: () => {
      sink = null;
      readable.pause();
    },
    pause: () => readable.pause(),
    resume: () => readable.resume(),
    destroy: () => readable.destroy(),
  };
}
