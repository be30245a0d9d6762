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
    let done = false;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        done = true;
        req.off('data', onData);
        // Keep draining so the 413 can be written on a healthy socket; drop what arrives.
        req.resume();
        reject(errors.tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => {
      if (done) return;
      done = true;
      resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
    });
    req.once('error', (err) => {
      if (done) return;
      done = true;
      reject(new ProxyError(400, `Could not read the request body: ${err.message}`, 'invalid_request_error'));
    });
  });
}
