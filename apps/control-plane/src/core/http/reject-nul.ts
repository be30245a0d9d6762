import type { NextFunction, Request, Response } from 'express';
import type { ValidationErrorBody } from '@switchyard/contracts';

/**
 * Postgres text and jsonb cannot hold U+0000: a NUL anywhere in a value that reaches a
 * query fails it, and the client got a 500. Refused here instead, with a 400 naming
 * where it is. Batch endpoints that judge each item alone (a bad item must not block
 * the good ones) check their items themselves with `findNul`.
 */
const PER_ITEM_ROUTES = new Set(['/api/v1/proxy/usage', '/api/v1/proxy/review-pairs', '/api/v1/reviews/import']);

/** Dotted path of the first string or key holding a NUL ('' for the value itself), or null. */
export function findNul(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (typeof value !== 'object' || value === null) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const p = findNul(value[i], path ? `${path}.${i}` : String(i));
      if (p !== null) return p;
    }
    return null;
  }
  for (const [k, v] of Object.entries(value)) {
    const p = path ? `${path}.${k}` : k;
    if (k.includes('\u0000')) return p;
    const found = findNul(v, p);
    if (found !== null) return found;
  }
  return null;
}

export function rejectNulInput(req: Request, res: Response, next: NextFunction) {
  if (PER_ITEM_ROUTES.has(req.path)) return next();
  let where: string | null = null;
  if (/%00/i.test(req.originalUrl)) where = '(url)';
  else if (req.body !== undefined) {
    const p = findNul(req.body);
    if (p !== null) where = p || '(root)';
  }
  if (where === null) return next();
  const body: ValidationErrorBody = {
    statusCode: 400,
    error: 'Bad Request',
    message: `Invalid request: ${where}: contains a NUL character (\\u0000), which cannot be stored`,
    issues: [{ path: where, message: 'contains a NUL character (\\u0000), which cannot be stored' }],
  };
  res.status(400).json(body);
}
