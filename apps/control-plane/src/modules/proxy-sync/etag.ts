/**
 * True when an `If-None-Match` header names this entity tag: a list of tags, weak or
 * strong (`W/"3"` counts as `"3"` for a GET), or `*` for any current representation.
 */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((raw) => {
    const tag = raw.trim();
    return tag === '*' || tag === etag || tag === `W/${etag}`;
  });
}
