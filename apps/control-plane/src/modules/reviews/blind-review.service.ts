import { randomInt } from 'node:crypto';
import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { JudgementRequest, JudgementResponse, NextReviewResponse, ReviewItem, ReviewMessage } from '@switchyard/contracts';

interface OpenRow {
  pair_id: string;
  candidate_side: 'a' | 'b';
  prompt: ReviewMessage[];
  candidate_output: string;
  baseline_output: string;
}

/**
 * The reviewer's side: one unjudged pair at a time, the two answers as sides `a` and
 * `b`. Which side holds the candidate is drawn (crypto RNG) when a pair is first
 * served to a reviewer and stored with that reviewer's row, so a reload shows the
 * same layout and the judgement maps back to the right model. The response carries
 * no model id, bucket or source; pairs are chosen fewest-judged first, ties at random.
 */
@Injectable()
export class BlindReviewService {
  constructor(private readonly dataSource: DataSource) {}

  async next(reviewerId: string): Promise<NextReviewResponse> {
    return this.dataSource.transaction(async (m) => {
      let open = await openAssignment(m, reviewerId);
      if (!open) {
        const [pick] = (await m.query(
          `SELECT p.id FROM review_pairs p
           WHERE NOT EXISTS (SELECT 1 FROM review_judgements j WHERE j.pair_id = p.id AND j.reviewer_id = $1)
           ORDER BY (SELECT count(*) FROM review_judgements j WHERE j.pair_id = p.id AND j.choice IS NOT NULL), random()
           LIMIT 1`,
          [reviewerId],
        )) as Array<{ id: string }>;
        if (pick) {
          const side = randomInt(2) === 0 ? 'a' : 'b';
          await m.query(
            `INSERT INTO review_judgements (pair_id, reviewer_id, candidate_side) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
            [pick.id, reviewerId, side],
          );
          open = await openAssignment(m, reviewerId);
        }
      }
      const [counts] = (await m.query(
        `SELECT (SELECT count(*) FROM review_pairs)::int AS total,
                (SELECT count(*) FROM review_judgements WHERE reviewer_id = $1 AND choice IS NOT NULL)::int AS judged`,
        [reviewerId],
      )) as Array<{ total: number; judged: number }>;
      return { item: open ? toItem(open) : null, progress: { judged: counts.judged, remaining: Math.max(0, counts.total - counts.judged) } };
    });
  }

  /** Records a reviewer's judgement of a pair served to them; once only (409 on a second try). */
  async judge(reviewerId: string, pairId: string, req: JudgementRequest): Promise<JudgementResponse> {
    return this.dataSource.transaction(async (m) => {
      const updated = (await m.query(
        `UPDATE review_judgements
         SET choice = CASE WHEN $3::text = 'none' THEN 'tie' WHEN $3::text = candidate_side::text THEN 'candidate' ELSE 'baseline' END,
             note = $4, judged_at = now()
         WHERE pair_id = $1 AND reviewer_id = $2 AND choice IS NULL
         RETURNING judged_at`,
        [pairId, reviewerId, req.choice, req.note?.trim() || null],
      )) as [Array<{ judged_at: Date }>, number];
      const row = updated[0][0];
      if (row) return { pairId, choice: req.choice, judgedAt: new Date(row.judged_at).toISOString() };

      const [existing] = (await m.query(`SELECT choice FROM review_judgements WHERE pair_id = $1 AND reviewer_id = $2`, [pairId, reviewerId])) as Array<{ choice: string | null }>;
      if (existing) throw new ConflictException('You have already judged this pair; each reviewer judges a pair once.');
      const [pair] = (await m.query(`SELECT 1 AS found FROM review_pairs WHERE id = $1`, [pairId])) as unknown[];
      if (!pair) throw new NotFoundException(`No review pair with id ${pairId}.`);
      throw new ConflictException('This pair has not been given to you yet: fetch it with GET /reviews/next first.');
    });
  }
}

async function openAssignment(m: EntityManager, reviewerId: string): Promise<OpenRow | null> {
  const [row] = (await m.query(
    `SELECT j.pair_id, j.candidate_side, p.prompt, p.candidate_output, p.baseline_output
     FROM review_judgements j JOIN review_pairs p ON p.id = j.pair_id
     WHERE j.reviewer_id = $1 AND j.choice IS NULL
     ORDER BY j.served_at, j.pair_id
     LIMIT 1`,
    [reviewerId],
  )) as OpenRow[];
  return row ?? null;
}

function toItem(r: OpenRow): ReviewItem {
  const candidateIsA = r.candidate_side === 'a';
  return {
    pairId: r.pair_id,
    prompt: r.prompt.map((msg) => ({ role: msg.role, content: msg.content })),
    a: candidateIsA ? r.candidate_output : r.baseline_output,
    b: candidateIsA ? r.baseline_output : r.candidate_output,
  };
}
