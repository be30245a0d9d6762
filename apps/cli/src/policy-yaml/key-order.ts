import type { z } from 'zod';

/** Zod wrappers whose inner schema describes the same value. */
const WRAPPERS = new Set(['optional', 'default', 'prefault', 'nullable', 'readonly', 'catch', 'nonoptional']);

interface Def {
  type: string;
  innerType?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
}

function defOf(schema: z.ZodType | undefined): Def | undefined {
  let def = (schema as unknown as { _zod?: { def: Def } } | undefined)?._zod?.def;
  while (def && WRAPPERS.has(def.type) && def.innerType) def = (def.innerType as unknown as { _zod: { def: Def } })._zod.def;
  return def;
}

/**
 * A copy of `value` with object keys in the order the schema declares them (unknown
 * keys after, alphabetically) and undefined values dropped. Following the schema, not
 * a hand-kept list, means a field added to the contract is exported in its place.
 */
export function keysInSchemaOrder(value: unknown, schema: z.ZodType | undefined): unknown {
  const def = defOf(schema);
  if (Array.isArray(value)) return value.map((v) => keysInSchemaOrder(v, def?.type === 'array' ? def.element : undefined));
  if (value === null || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  const shape = def?.type === 'object' && def.shape ? def.shape : {};
  const known = Object.keys(shape).filter((k) => k in obj);
  const extra = Object.keys(obj).filter((k) => !(k in shape)).sort();
  const out: Record<string, unknown> = {};
  for (const k of [...known, ...extra]) if (obj[k] !== undefined) out[k] = keysInSchemaOrder(obj[k], shape[k]);
  return out;
}
