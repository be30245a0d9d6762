import { z } from 'zod';
import { INT4_MAX } from './db-limits';
import { modelId } from './catalog';
import { bucketName } from './policy';

/**
 * Blind quality review (issue 9). A review pair holds one prompt and two answers: the
 * candidate's (the model the routing sent the request to) and the baseline's (the
 * comparison model). Reviewers see the two answers as unlabelled sides `a` and `b`,
 * randomised per pair and reviewer; results map their choices back to the models.
 */

export const REVIEW_LIMITS = {
  /** Characters of one prompt message and of one answer. */
  textChars: 100_000,
  messages: 200,
  /** Pairs per `POST /proxy/review-pairs`. */
  batch: 500,
  /** Lines per `POST /reviews/import`. */
  importLines: 10_000,
  noteChars: 2_000,
} as const;

/** Non-tie judgements a (bucket, model pair) needs before it gets a verdict. */
export const REVIEW_MIN_DECISIVE = 10;

export const reviewMessage = z.strictObject({
  role: z.string().min(1).max(32),
  content: z.string().max(REVIEW_LIMITS.textChars),
});
export type ReviewMessage = z.infer<typeof reviewMessage>;

export const reviewPrompt = z.array(reviewMessage).min(1, 'a prompt needs at least one message').max(REVIEW_LIMITS.messages);

export const reviewTokens = z.strictObject({
  promptTokens: z.int().min(0),
  completionTokens: z.int().min(0),
  cachedTokens: z.int().min(0).default(0),
});
export type ReviewTokens = z.infer<typeof reviewTokens>;

/** One side of a pair as stored: the model, its answer and (when known) its token counts. */
export const reviewAnswer = z.strictObject({
  model: modelId,
  output: z.string().max(REVIEW_LIMITS.textChars),
  /** Token counts of this answer's request; unknown → estimated from the text for the cost comparison. */
  usage: reviewTokens.nullable().default(null),
});
export type ReviewAnswer = z.infer<typeof reviewAnswer>;

/** A pair as the proxy ships it (shadow sampling); `id` is the idempotency key. */
export const shadowReviewPair = z.strictObject({
  id: z.uuid(),
  /** When the client's request started. */
  ts: z.iso.datetime({ offset: true }),
  proxyId: z.string().min(1).max(128),
  policyVersion: z.int().min(0).max(INT4_MAX),
  bucket: bucketName,
  team: z.string().max(128),
  prompt: reviewPrompt,
  /** The production answer. */
  candidate: reviewAnswer,
  /** The comparison model's answer to the same request. */
  baseline: reviewAnswer,
});
export type ShadowReviewPair = z.infer<typeof shadowReviewPair>;
export type ShadowReviewPairInput = z.input<typeof shadowReviewPair>;

/** `POST /proxy/review-pairs`: pairs are checked one by one, so one bad pair never sinks a batch. */
export const reviewPairBatch = z.strictObject({
  pairs: z.array(z.unknown()).max(REVIEW_LIMITS.batch),
});

export interface ReviewPairIngestResult {
  stored: number;
  /** Pairs whose id was already stored (replays). */
  duplicates: number;
  rejected: Array<{ index: number; id: string | null; reason: string }>;
}

/**
 * One line of a `POST /reviews/import` JSONL file (offline comparisons). `prompt` may be
 * a plain string (one user message). Identical lines are stored once.
 */
export const reviewImportLine = z.strictObject({
  bucket: bucketName,
  prompt: z.union([z.string().min(1).max(REVIEW_LIMITS.textChars), reviewPrompt]),
  candidate: reviewAnswer,
  baseline: reviewAnswer,
  team: z.string().max(128).optional(),
  /** When the prompt was seen; default: the import time. */
  ts: z.iso.datetime({ offset: true }).optional(),
});
export type ReviewImportLine = z.input<typeof reviewImportLine>;

export interface ReviewImportLineResult {
  /** 1-based line number in the uploaded file. */
  line: number;
  status: 'accepted' | 'duplicate' | 'rejected';
  /** Every problem of a rejected line, with its path inside the line. */
  reason?: string;
}

export interface ReviewImportResult {
  accepted: number;
  duplicates: number;
  rejected: number;
  /** One entry per non-blank line, in file order. */
  lines: ReviewImportLineResult[];
}

/**
 * What a reviewer gets: the prompt and two unlabelled answers. Nothing here names a
 * model, and which answer is `a` is drawn at random per pair and reviewer.
 */
export interface ReviewItem {
  pairId: string;
  prompt: ReviewMessage[];
  a: string;
  b: string;
}

/** `GET /reviews/next`: the pair to judge (null when none is left) and the caller's progress. */
export interface NextReviewResponse {
  item: ReviewItem | null;
  progress: { judged: number; remaining: number };
}

export const reviewChoice = z.enum(['a', 'b', 'none']);
export type ReviewChoice = z.infer<typeof reviewChoice>;

export const judgementRequest = z.strictObject({
  choice: reviewChoice,
  note: z.string().max(REVIEW_LIMITS.noteChars).optional(),
});
export type JudgementRequest = z.infer<typeof judgementRequest>;

export interface JudgementResponse {
  pairId: string;
  choice: ReviewChoice;
  judgedAt: string;
}

const day = z.iso.date({ error: 'must be a date like 2026-11-01' });

/** `GET /reviews/results`: pairs whose request time falls in [from, to] (UTC days, `to` inclusive). */
export const reviewResultsQuery = z.strictObject({
  bucket: bucketName.optional(),
  from: day.optional(),
  to: day.optional(),
});
export type ReviewResultsQuery = z.infer<typeof reviewResultsQuery>;

export type ReviewVerdict = 'not enough judgements' | 'no detectable difference' | 'candidate worse' | 'candidate better';

export interface ReviewResultRow {
  bucket: string;
  candidateModel: string;
  baselineModel: string;
  /** Pairs in the range, judged or not. */
  pairs: number;
  judgements: number;
  /** Judgements preferring the candidate / the baseline / neither. */
  wins: number;
  losses: number;
  ties: number;
  /** Shares of all judgements (ties included) — e.g. 0.47 vs 0.49 with 0.04 ties. */
  candidateShare: number | null;
  baselineShare: number | null;
  /**
   * Candidate preference rate among non-tie judgements, wins / (wins + losses), with a
   * 95% Wilson score interval.
   */
  preference: { rate: number | null; low: number | null; high: number | null; method: 'wilson-95' };
  /**
   * Agreement between reviewers on pairs judged by two or more: mean pairwise percent
   * agreement and Fleiss' kappa over the three outcomes (candidate, baseline, tie).
   */
  agreement: { pairs: number; percent: number | null; kappa: number | null; method: 'fleiss' };
  verdict: ReviewVerdict;
  /**
   * Cost per request over the same pairs: each answer's tokens priced at the catalog
   * price in force at request time (token counts estimated from text when a pair has
   * none). USD decimal strings; `difference` = candidate − baseline (negative: cheaper).
   */
  cost: {
    candidatePerRequestUsd: string | null;
    baselinePerRequestUsd: string | null;
    differencePerRequestUsd: string | null;
    /** difference / baseline, e.g. -0.82 for 82% cheaper. */
    change: number | null;
    pricedPairs: number;
    estimatedPairs: number;
  };
}

export interface ReviewResultsResponse {
  from: string | null;
  to: string | null;
  minDecisive: number;
  rows: ReviewResultRow[];
}
