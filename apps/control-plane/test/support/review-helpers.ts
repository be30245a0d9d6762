import type { NextReviewResponse } from '@switchyard/contracts';
import type { ControlPlaneHarness } from './control-plane.harness';

export const CHEAP = 'deepseek-ai/DeepSeek-V4-Flash';
export const DEAR = 'openai/gpt-4o';

export interface PairSpec {
  bucket: string;
  prompt: unknown;
  candidate: { model: string; output: string; usage?: { promptTokens: number; completionTokens: number; cachedTokens?: number } | null };
  baseline: { model: string; output: string; usage?: { promptTokens: number; completionTokens: number; cachedTokens?: number } | null };
  ts?: string;
  team?: string;
}

/** Outputs carry a marker only the test reads, so it can play a reviewer with known preferences. */
export function markedPair(bucket: string, i: number, over: Partial<PairSpec> = {}): PairSpec {
  return {
    bucket,
    prompt: `Question ${i} for ${bucket}`,
    candidate: { model: CHEAP, output: `cand|${bucket}|${i}` },
    baseline: { model: DEAR, output: `base|${bucket}|${i}` },
    ...over,
  };
}

export async function importJsonl(cp: ControlPlaneHarness, text: string, token: string = cp.adminToken, contentType = 'application/x-ndjson') {
  const res = await fetch(`${cp.api}/reviews/import`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': contentType }, body: text });
  const raw = await res.text();
  let body: any = raw;
  try {
    body = JSON.parse(raw);
  } catch {
    /* keep text */
  }
  return { status: res.status, body };
}

export const toJsonl = (pairs: unknown[]) => pairs.map((p) => JSON.stringify(p)).join('\n');

export type Preference = 'candidate' | 'baseline' | 'tie';

/**
 * Plays one reviewer through every pair left for them: reads which side holds the
 * candidate from the test's markers, asks `decide`, and posts the matching a/b/none.
 * Returns how many pairs showed the candidate as `a`, and the layout per pair.
 */
export async function reviewEverything(
  cp: ControlPlaneHarness,
  token: string,
  decide: (bucket: string, i: number) => Preference,
): Promise<{ judged: number; candidateAsA: number; layout: Map<string, 'a' | 'b'> }> {
  let judged = 0;
  let candidateAsA = 0;
  const layout = new Map<string, 'a' | 'b'>();
  for (;;) {
    const r = await cp.request<NextReviewResponse>('GET', '/reviews/next', undefined, token);
    if (r.status !== 200) throw new Error(`next: ${r.status} ${JSON.stringify(r.body)}`);
    const item = r.body.item;
    if (!item) return { judged, candidateAsA, layout };
    const [kindA, bucket, index] = item.a.split('|');
    const candidateSide = kindA === 'cand' ? 'a' : 'b';
    if (candidateSide === 'a') candidateAsA++;
    layout.set(`${bucket}|${index}`, candidateSide);
    const pref = decide(bucket, Number(index));
    const choice = pref === 'tie' ? 'none' : pref === 'candidate' ? candidateSide : candidateSide === 'a' ? 'b' : 'a';
    const j = await cp.request('POST', `/reviews/${item.pairId}/judgement`, { choice }, token);
    if (j.status !== 201) throw new Error(`judgement: ${j.status} ${JSON.stringify(j.body)}`);
    judged++;
  }
}
