import type { DiffEntry } from '@switchyard/contracts';
import { stringify } from 'yaml';

const COLORS = { added: '\x1b[32m', removed: '\x1b[31m', changed: '\x1b[33m', reset: '\x1b[0m' } as const;
const SIGNS = { added: '+', removed: '-', changed: '~' } as const;

/**
 * A policy diff for people: one entry per changed path (buckets by name), the values
 * before and after rendered as YAML — the same notation as the policy file.
 */
export function formatDiff(entries: readonly DiffEntry[], color = false): string {
  if (entries.length === 0) return 'No changes.';
  const paint = (kind: keyof typeof COLORS, s: string) => (color ? `${COLORS[kind]}${s}${COLORS.reset}` : s);
  const out: string[] = [];
  for (const e of entries) {
    out.push(paint(e.kind, `${SIGNS[e.kind]} ${e.path}`));
    if (e.kind !== 'added') out.push(...block('before', e.before).map((l) => paint('removed', l)));
    if (e.kind !== 'removed') out.push(...block('after', e.after).map((l) => paint('added', l)));
  }
  const n = entries.length;
  out.push('', `${n} change${n === 1 ? '' : 's'}.`);
  return out.join('\n');
}

function block(label: string, value: unknown): string[] {
  if (value === null || value === undefined || typeof value !== 'object') return [`    ${label}: ${stringify(value ?? null).trimEnd()}`];
  return [`    ${label}:`, ...stringify(value, { lineWidth: 0 }).trimEnd().split('\n').map((l) => `      ${l}`)];
}
