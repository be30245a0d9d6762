import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { shadowReviewPair, zodIssues, type ReviewImportResult, type ReviewPairIngestResult } from '@switchyard/contracts';
import { findNul } from '../../core/http/reject-nul';
import { AuditService } from '../audit/audit.service';
import { parseImport, type ImportedPair } from './import/parse-import';

/** A review_pairs row as jsonb_to_recordset reads it. */
interface PairRow {
  id: string;
  source: 'shadow' | 'import';
  ts: string;
  bucket: string;
  team: string;
  policy_version: number | null;
  proxy_id: string | null;
  prompt: unknown;
  candidate_model: string;
  candidate_output: string;
  candidate_usage: unknown;
  baseline_model: string;
  baseline_output: string;
  baseline_usage: unknown;
  content_hash: string | null;
  created_by: string;
}

/** Rows per INSERT: one jsonb parameter each, kept well under the request size limits. */
const CHUNK = 500;

/** Stores review pairs: shadow samples from proxies (idempotent on id) and JSONL imports (idempotent on content). */
@Injectable()
export class ReviewPairsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async ingestShadow(pairs: unknown[]): Promise<ReviewPairIngestResult> {
    const rows: PairRow[] = [];
    const rejected: ReviewPairIngestResult['rejected'] = [];
    pairs.forEach((raw, index) => {
      const nul = findNul(raw);
      if (nul !== null) {
        rejected.push({ index, id: idOf(raw), reason: `${nul || '(pair)'}: contains a NUL character (\\u0000), which cannot be stored` });
        return;
      }
      const r = shadowReviewPair.safeParse(raw);
      if (!r.success) {
        rejected.push({ index, id: idOf(raw), reason: zodIssues(r.error).map((i) => `${i.path}: ${i.message}`).join('; ') });
        return;
      }
      const p = r.data;
      if (p.candidate.model === p.baseline.model) {
        rejected.push({ index, id: p.id, reason: 'baseline.model: must differ from candidate.model' });
        return;
      }
      rows.push({
        id: p.id,
        source: 'shadow',
        ts: p.ts,
        bucket: p.bucket,
        team: p.team,
        policy_version: p.policyVersion,
        proxy_id: p.proxyId,
        prompt: p.prompt,
        candidate_model: p.candidate.model,
        candidate_output: p.candidate.output,
        candidate_usage: p.candidate.usage,
        baseline_model: p.baseline.model,
        baseline_output: p.baseline.output,
        baseline_usage: p.baseline.usage,
        content_hash: null,
        created_by: 'proxy',
      });
    });
    const stored = await this.dataSource.transaction(async (m) => {
      let n = 0;
      for (let i = 0; i < rows.length; i += CHUNK) n += (await insertPairs(m, rows.slice(i, i + CHUNK))).length;
      return n;
    });
    return { stored, duplicates: rows.length - stored, rejected };
  }

  /** Stores every good line of a JSONL file; reports each line (accepted, duplicate or rejected with its reason). */
  async importJsonl(text: string, actor: string): Promise<ReviewImportResult> {
    const parsed = parseImport(text);
    const good = parsed.flatMap((l) => (l.ok ? [l.pair] : []));
    const now = new Date().toISOString();
    const inserted = await this.dataSource.transaction(async (m) => {
      const hashes = new Set<string>();
      for (let i = 0; i < good.length; i += CHUNK) {
        for (const row of await insertPairs(m, good.slice(i, i + CHUNK).map((p) => importRow(p, now, actor)))) hashes.add(row.content_hash!);
      }
      return hashes;
    });
    const lines: ReviewImportResult['lines'] = parsed.map((l) => {
      if (!l.ok) return { line: l.line, status: 'rejected', reason: l.reason };
      // The first line with new content is the one stored; repeats (in this file or earlier imports) are duplicates.
      const fresh = inserted.delete(l.pair.contentHash);
      return { line: l.pair.line, status: fresh ? 'accepted' : 'duplicate' };
    });
    const count = (s: string) => lines.filter((l) => l.status === s).length;
    const result: ReviewImportResult = { accepted: count('accepted'), duplicates: count('duplicate'), rejected: count('rejected'), lines };
    await this.audit.record({ actor, action: 'reviews.import', target: null, details: { accepted: result.accepted, duplicates: result.duplicates, rejected: result.rejected } });
    return result;
  }
}

function importRow(p: ImportedPair, now: string, actor: string): PairRow {
  return {
    id: randomUUID(),
    source: 'import',
    ts: p.ts ?? now,
    bucket: p.bucket,
    team: p.team,
    policy_version: null,
    proxy_id: null,
    prompt: p.prompt,
    candidate_model: p.candidate.model,
    candidate_output: p.candidate.output,
    candidate_usage: p.candidate.usage,
    baseline_model: p.baseline.model,
    baseline_output: p.baseline.output,
    baseline_usage: p.baseline.usage,
    content_hash: p.contentHash,
    created_by: actor,
  };
}

/** One INSERT for many rows; rows whose id (or imported content) is already stored are skipped. Returns the stored ones. */
async function insertPairs(m: EntityManager, rows: PairRow[]): Promise<Array<{ id: string; content_hash: string | null }>> {
  if (rows.length === 0) return [];
  return m.query(
    `INSERT INTO review_pairs (id, source, ts, bucket, team, policy_version, proxy_id, prompt, candidate_model, candidate_output,
       candidate_usage, baseline_model, baseline_output, baseline_usage, content_hash, created_by)
     SELECT id, source, ts, bucket, team, policy_version, proxy_id, prompt, candidate_model, candidate_output,
       candidate_usage, baseline_model, baseline_output, baseline_usage, content_hash, created_by
     FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, source text, ts timestamptz, bucket text, team text, policy_version int,
       proxy_id text, prompt jsonb, candidate_model text, candidate_output text, candidate_usage jsonb, baseline_model text,
       baseline_output text, baseline_usage jsonb, content_hash text, created_by text)
     ON CONFLICT DO NOTHING
     RETURNING id, content_hash`,
    [JSON.stringify(rows)],
  );
}

function idOf(raw: unknown): string | null {
  return typeof (raw as { id?: unknown })?.id === 'string' ? String((raw as { id: string }).id).slice(0, 64) : null;
}
