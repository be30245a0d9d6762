/** UTC calendar days as 'YYYY-MM-DD' strings: the unit of partitions, rollups and spend. */

const DAY_MS = 86_400_000;

export function dayOf(at: Date | number): string {
  return new Date(at).toISOString().slice(0, 10);
}

export function today(now = Date.now()): string {
  return dayOf(now);
}

export function addDays(day: string, n: number): string {
  return dayOf(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS);
}

/** Days from `from` to `to`, both included (0 when to < from). */
export function daysInclusive(from: string, to: string): number {
  return Math.max(0, Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1);
}

export function eachDay(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** First day of the month holding `day`. */
export function monthStart(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

/** Last day of the month holding `day`. */
export function monthEnd(day: string): string {
  const [y, m] = day.split('-').map(Number);
  return dayOf(Date.UTC(y, m, 0));
}

/** 'YYYY-MM-DD' that is a real calendar day. */
export function isDay(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && dayOf(Date.parse(`${s}T00:00:00Z`) || 0) === s;
}

/** The oldest day whose raw usage the retention keeps: today − (retention − 1). */
export function oldestKeptDay(retentionDays: number, now = Date.now()): string {
  return addDays(today(now), -(retentionDays - 1));
}
