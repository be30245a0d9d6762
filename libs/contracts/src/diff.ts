export interface DiffEntry {
  /** Dotted path; buckets are addressed by name (`buckets[bulk].targets`) so reordering reads well. */
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

/**
 * Structural diff of two JSON values. Arrays of objects with a `name` are matched by
 * name; other arrays are compared as whole values.
 */
export function diffJson(before: unknown, after: unknown, path = ''): DiffEntry[] {
  if (jsonEqual(before, after)) return [];
  if (isNamedList(before) && isNamedList(after)) {
    const out: DiffEntry[] = [];
    const a = new Map(before.map((x) => [x.name, x]));
    const b = new Map(after.map((x) => [x.name, x]));
    for (const [name, x] of a) {
      const p = `${path}[${name}]`;
      if (!b.has(name)) out.push({ path: p, kind: 'removed', before: x });
      else out.push(...diffJson(x, b.get(name), p));
    }
    for (const [name, y] of b) if (!a.has(name)) out.push({ path: `${path}[${name}]`, kind: 'added', after: y });
    const order = (xs: { name: string }[]) => xs.map((x) => x.name).filter((n) => a.has(n) && b.has(n));
    if (!jsonEqual(order(before), order(after))) {
      out.push({ path: `${path}(order)`, kind: 'changed', before: order(before), after: order(after) });
    }
    return out;
  }
  if (isPlainObject(before) && isPlainObject(after)) {
    const out: DiffEntry[] = [];
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const k of keys) {
      const p = path ? `${path}.${k}` : k;
      if (!(k in after)) out.push({ path: p, kind: 'removed', before: before[k] });
      else if (!(k in before)) out.push({ path: p, kind: 'added', after: after[k] });
      else out.push(...diffJson(before[k], after[k], p));
    }
    return out;
  }
  return [{ path: path || '(root)', kind: 'changed', before, after }];
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function isNamedList(v: unknown): v is Array<{ name: string } & Record<string, unknown>> {
  return Array.isArray(v) && v.length > 0 && v.every((x) => isPlainObject(x) && typeof x.name === 'string');
}

function jsonEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b) || deepEqual(a, b);
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return false;
}
