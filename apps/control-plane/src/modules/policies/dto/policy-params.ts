import { z } from 'zod';

/** `:version` path parameter. */
export const versionParam = z.coerce.number({ error: 'must be a version number' }).int('must be a whole version number').min(1, 'versions start at 1');

const policyRef = z
  .string()
  .regex(/^(\d+|draft:[0-9a-f-]{36})$/i, 'must be a version number or "draft:<id>"')
  .transform((s) => (s.startsWith('draft:') ? { kind: 'draft' as const, id: s.slice(6) } : { kind: 'version' as const, version: Number(s) }));

/** `GET /policies/diff?from=V&to=V` — either side may be `draft:<id>`. */
export const diffQuery = z.strictObject({ from: policyRef, to: policyRef });
