import { pick, type Rng } from './random';
import { generatePhrase } from './text';

/**
 * A deterministic value that fits a JSON schema (the subset tools and json_schema use:
 * type, properties, items, enum, const, anyOf/oneOf, format). Used for tool-call
 * arguments and `response_format: json_schema` content.
 */
export function valueFromSchema(schema: unknown, rng: Rng, depth = 0): unknown {
  if (typeof schema !== 'object' || schema === null || depth > 6) return generatePhrase(rng, 2);
  const s = schema as Record<string, unknown>;
  if ('const' in s) return s.const;
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[pick(rng, s.enum.length)];
  const variants = Array.isArray(s.anyOf) ? s.anyOf : Array.isArray(s.oneOf) ? s.oneOf : null;
  if (variants && variants.length > 0) return valueFromSchema(variants[0], rng, depth + 1);
  let type = s.type;
  if (Array.isArray(type)) type = type.find((t) => t !== 'null') ?? 'null';
  if (type === undefined && typeof s.properties === 'object') type = 'object';
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const props = typeof s.properties === 'object' && s.properties !== null ? (s.properties as Record<string, unknown>) : {};
      for (const [key, sub] of Object.entries(props)) out[key] = valueFromSchema(sub, rng, depth + 1);
      return out;
    }
    case 'array': {
      const min = typeof s.minItems === 'number' ? s.minItems : 1;
      const count = Math.max(min, 1 + pick(rng, 2));
      const max = typeof s.maxItems === 'number' ? Math.min(count, s.maxItems) : count;
      return Array.from({ length: max }, () => valueFromSchema(s.items, rng, depth + 1));
    }
    case 'integer': {
      const lo = typeof s.minimum === 'number' ? Math.ceil(s.minimum) : 0;
      const hi = typeof s.maximum === 'number' ? Math.floor(s.maximum) : lo + 100;
      return lo + pick(rng, Math.max(1, hi - lo + 1));
    }
    case 'number': {
      const lo = typeof s.minimum === 'number' ? s.minimum : 0;
      const hi = typeof s.maximum === 'number' ? s.maximum : lo + 100;
      return Math.round((lo + rng() * (hi - lo)) * 100) / 100;
    }
    case 'boolean':
      return rng() < 0.5;
    case 'null':
      return null;
    case 'string':
      if (s.format === 'date') return '2025-01-15';
      if (s.format === 'date-time') return '2025-01-15T12:00:00Z';
      if (s.format === 'email') return 'user@example.com';
      return generatePhrase(rng, 2);
    default:
      return generatePhrase(rng, 2);
  }
}
