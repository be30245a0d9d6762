import { createHash } from 'node:crypto';
import { findNul } from '../../../core/http/reject-nul';
import { canonicalJson, REVIEW_LIMITS, reviewImportLine, zodIssues, type ReviewAnswer, type ReviewMessage } from '@switchyard/contracts';

/** An import line ready to store. */
export interface ImportedPair {
  line: number;
  bucket: string;
  team: string;
  ts: string | null;
  prompt: ReviewMessage[];
  candidate: ReviewAnswer;
  baseline: ReviewAnswer;
  /** sha256 of the line's canonical content: re-importing a file stores nothing twice. */
  contentHash: string;
}

export type ParsedLine = { ok: true; pair: ImportedPair } | { ok: false; line: number; reason: string };

export class ImportTooLargeError extends Error {}

/**
 * Parses a JSONL upload line by line (1-based numbers, blank lines skipped). A bad
 * line is reported with every problem and its path; it never stops the others.
 */
export function parseImport(text: string): ParsedLine[] {
  const lines = text.split(/\r?\n/);
  const out: ParsedLine[] = [];
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].trim();
    if (raw === '') continue;
    if (out.length >= REVIEW_LIMITS.importLines) {
      throw new ImportTooLargeError(`An import holds at most ${REVIEW_LIMITS.importLines} lines; split the file.`);
    }
    out.push(parseLine(raw, i + 1));
  }
  return out;
}

function parseLine(raw: string, line: number): ParsedLine {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    return { ok: false, line, reason: `not valid JSON (${(err as Error).message})` };
  }
  const nul = findNul(json);
  if (nul !== null) return { ok: false, line, reason: `${nul || '(line)'}: contains a NUL character (\\u0000), which cannot be stored` };
  const r = reviewImportLine.safeParse(json);
  if (!r.success) return { ok: false, line, reason: zodIssues(r.error).map((i) => `${i.path}: ${i.message}`).join('; ') };
  const v = r.data;
  if (v.candidate.model === v.baseline.model) {
    return { ok: false, line, reason: 'baseline.model: must differ from candidate.model (a pair compares two models)' };
  }
  const prompt = typeof v.prompt === 'string' ? [{ role: 'user', content: v.prompt }] : v.prompt;
  const content = { bucket: v.bucket, prompt, candidate: v.candidate, baseline: v.baseline };
  return {
    ok: true,
    pair: {
      line,
      bucket: v.bucket,
      team: v.team ?? '',
      ts: v.ts ?? null,
      prompt,
      candidate: v.candidate,
      baseline: v.baseline,
      contentHash: createHash('sha256').update(canonicalJson(content)).digest('hex'),
    },
  };
}
