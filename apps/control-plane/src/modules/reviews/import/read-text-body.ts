import { BadRequestException, PayloadTooLargeException } from '@nestjs/common';
import type { Request } from 'express';

/** Largest JSONL upload accepted. */
export const MAX_IMPORT_BYTES = 32 * 1024 * 1024;

/**
 * The upload as text. A JSONL file comes as a raw body (`application/x-ndjson`,
 * `application/jsonl` or `text/plain`), which the app's JSON-only body parser leaves
 * unread; a JSON body `{ "jsonl": "<file contents>" }` (already parsed) works too.
 */
export async function readImportText(req: Request): Promise<string> {
  if (req.body !== undefined && typeof req.body === 'object' && req.body !== null && Object.keys(req.body as object).length > 0) {
    const text = (req.body as { jsonl?: unknown }).jsonl;
    if (typeof text !== 'string') throw new BadRequestException('Send the JSONL file as the raw body (content-type application/x-ndjson), or as JSON {"jsonl": "<file contents>"}.');
    return text;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_IMPORT_BYTES) throw new PayloadTooLargeException(`An import is at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB; split the file.`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
