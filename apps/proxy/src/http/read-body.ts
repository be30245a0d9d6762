import type { IncomingMessage } from 'node:http';
import { errors, ProxyError } from './openai-error';

/**
 * Reads the request body up to `limit` bytes. A declared length over the limit is
 * refused before reading; an undeclared one is refused as soon as it passes it.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > limit) return Promise.reject(errors.tooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // Every listener comes off once the body is settled: a request object outlives its
    // handler (the connection's parser holds it until the next request), and listeners
    // left on it would keep the whole request's state reachable, and promoted by the GC.
    const settle = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        settle();
        // Keep draining so the 413 can be written on a healthy socket; drop what arrives.
        req.on('error', ignore);
        req.resume();
        reject(errors.tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      settle();
      resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
    };
    const onError = (err: Error) => {
      settle();
      req.on('error', ignore);
      reject(new ProxyError(400, `Could not read the request body: ${err.message}`, 'invalid_request_error'));
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

/** A listener that holds nothing (an unheard 'error' would crash the process). */
function ignore(): void {}
