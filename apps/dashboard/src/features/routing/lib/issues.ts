export { IssueIndex } from '../../../lib/issue-index';

/** "buckets.1.cache.threshold" → "bulk › cache › threshold" for the summary list. */
export function describePath(path: string, bucketNames: readonly string[]): string {
  const parts = path.split('.');
  if (parts[0] === 'buckets' && parts[1] !== undefined && /^\d+$/.test(parts[1])) {
    const name = bucketNames[Number(parts[1])] ?? `bucket ${Number(parts[1]) + 1}`;
    const rest = parts.slice(2).map((p) => (/^\d+$/.test(p) ? `#${Number(p) + 1}` : p));
    return [name, ...rest].join(' › ');
  }
  return parts.join(' › ');
}

/** Index of the bucket an issue path points into, if any. */
export function bucketOfPath(path: string): number | null {
  const m = /^buckets\.(\d+)(\.|$)/.exec(path);
  return m ? Number(m[1]) : null;
}
