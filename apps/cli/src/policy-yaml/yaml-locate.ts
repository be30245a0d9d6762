import { isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

export interface YamlLocation {
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

/**
 * Where a policy path (`buckets.1.targets.0.model`) sits in the parsed document: the
 * value's node, or with `at: 'key'` the key's. A path that runs past what the file
 * holds (a missing field) resolves to the deepest node that exists — the mapping the
 * field is missing from.
 */
export function locate(doc: Document, lines: LineCounter, path: readonly string[], at: 'value' | 'key' = 'value'): YamlLocation {
  let node: Node | null = (doc.contents as Node | null) ?? null;
  let found: Node | null = node;
  for (let i = 0; i < path.length && node; i++) {
    const seg = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === seg);
      if (!pair) break;
      const key = pair.key as Node;
      const value = (pair.value as Node | null) ?? null;
      // A key with an empty value (`model:`) has no value node: point at the key.
      node = value;
      found = last && at === 'key' ? key : (value ?? key);
    } else if (isSeq(node)) {
      const item = /^\d+$/.test(seg) ? (node.items[Number(seg)] as Node | undefined) : undefined;
      if (!item) break;
      node = item;
      found = item;
    } else {
      break;
    }
  }
  const offset = found?.range?.[0] ?? 0;
  const pos = lines.linePos(offset);
  return { line: pos.line, column: pos.col };
}
