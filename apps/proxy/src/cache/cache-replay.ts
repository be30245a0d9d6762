import type { ServerResponse } from 'node:http';

/**
 * Replays a cached chat.completion as a well-formed SSE stream: one chunk per
 * choice with the whole message as its delta, a usage chunk when the client asked
 * for one, then [DONE]. The content equals the original's.
 */
export function writeCompletionAsSse(res: ServerResponse, payload: Buffer, includeUsage: boolean): void {
  const completion = JSON.parse(payload.toString('utf8')) as {
    id?: string;
    created?: number;
    model?: string;
    system_fingerprint?: string;
    choices?: Array<{ index: number; message?: Record<string, unknown>; finish_reason?: string | null; logprobs?: unknown }>;
    usage?: unknown;
  };
  const base = { id: completion.id, object: 'chat.completion.chunk', created: completion.created, model: completion.model, system_fingerprint: completion.system_fingerprint };
  for (const c of completion.choices ?? []) {
    const delta = { ...(c.message ?? {}) };
    if (Array.isArray(delta.tool_calls)) delta.tool_calls = (delta.tool_calls as object[]).map((t, index) => ({ index, ...t }));
    res.write(`data: ${JSON.stringify({ ...base, choices: [{ index: c.index, delta, logprobs: c.logprobs ?? null, finish_reason: c.finish_reason ?? null }] })}\n\n`);
  }
  if (includeUsage) res.write(`data: ${JSON.stringify({ ...base, choices: [], usage: completion.usage ?? null })}\n\n`);
  res.write('data: [DONE]\n\n');
}
