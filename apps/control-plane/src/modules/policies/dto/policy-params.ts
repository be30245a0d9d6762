import { z } from 'zod';
import { INT4_MAX } from '@switchyard/contracts';

/** `:version` path parameter. */
export const versionParam = z.coerce.number({ error: 'must be a version number' }).int('must be a whole version number').min(1, 'versions start at 1').max(INT4_MAX, 'no version is that large');

const policyRef = z
  .string()
  .regex(/^(\d+|draft:[0-9a-f-]{36})$/i, 'must be a version number or "draft:<id>"')
  .refine((s) => !/^\d+$/.test(s) || Number(s) <= INT4_MAX, 'no version is that large')
  .transform((s) => (s.startsWith('draft:') ? { kind: 'draft' as const, id: s.slice(6) } : { kind: 'version' as const, version: Number(s) }));

/** `GET /policies/diff?from=V&to=V` — either side may be `draft:<id>`. */
export const diffQuery = z.strictObject({ from: policyRef, to: policyRef });
