type QueryValue = string | number | boolean | null | undefined | readonly string[];

/** `?a=1&b=x,y` from an object; undefined/null values are left out, arrays become comma lists. */
export function queryString(params: Record<string, QueryValue> | object | undefined): string {
  if (!params) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params as Record<string, QueryValue>)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      if (value.length > 0) search.set(key, value.join(','));
    } else {
      search.set(key, String(value));
    }
  }
  const s = search.toString();
  return s ? `?${s}` : '';
}
