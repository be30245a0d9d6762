import { join } from 'node:path';

/** eval/cache, from its compiled location eval/cache/dist/eval/cache (or its source folder under Jest). */
export const EVAL_DIR = __dirname.includes(`${'/'}dist${'/'}`) ? join(__dirname, '..', '..', '..') : __dirname;

/** One labelled pair and the similarity the embedder gave it. */
export interface ScoredPair {
  id: number;
  same: boolean;
  kind: string;
  score: number;
  /** The cache's entity guard passed (model codes, numbers and names agree). */
  agree: boolean;
  a: string;
  b: string;
}

export interface ThresholdResult {
  threshold: number;
  /** Same-intent pairs at or above the threshold (right hits). */
  tp: number;
  /** Different-intent pairs at or above the threshold (wrong answers served). */
  fp: number;
  /** Same-intent pairs below it (missed savings). */
  fn: number;
  tn: number;
  /** tp / (tp + fp); 1 when nothing is served. */
  precision: number;
  /** tp / (tp + fn). */
  recall: number;
}

/** 0.80, 0.81 … 0.98. */
export const THRESHOLDS = Array.from({ length: 19 }, (_, i) => Math.round((0.8 + i * 0.01) * 100) / 100);

export function cosine(a: Float32Array | number[], b: Float32Array | number[]): number {
  let d = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    d += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return na === 0 || nb === 0 ? 0 : d / Math.sqrt(na * nb);
}

/**
 * Precision and recall of the cache's decision: serve when similarity ≥ threshold
 * and the entity guard agrees (`guard: false` scores the cosine alone).
 */
export function atThreshold(scored: readonly ScoredPair[], threshold: number, guard = true): ThresholdResult {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (const s of scored) {
    const hit = s.score >= threshold && (!guard || s.agree);
    if (s.same) hit ? tp++ : fn++;
    else hit ? fp++ : tn++;
  }
  return { threshold, tp, fp, fn, tn, precision: tp + fp === 0 ? 1 : tp / (tp + fp), recall: tp + fn === 0 ? 0 : tp / (tp + fn) };
}

export function parsePairs(jsonl: string): Array<{ id: number; a: string; b: string; same: boolean; kind: string }> {
  return jsonl
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { id: number; a: string; b: string; same: boolean; kind: string });
}
