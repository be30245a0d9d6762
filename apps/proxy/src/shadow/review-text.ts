import { REVIEW_LIMITS, type ReviewMessage } from '@switchyard/contracts';

/**
 * The text reviewers read: the prompt as role + text messages and each answer as
 * text. Non-text parts are named, tool calls shown as JSON — a reviewer judges what
 * the model said. Anything over the review limits yields null (the pair is skipped,
 * not cut: a truncated answer would be judged unfairly).
 */
export function reviewPromptOf(messages: unknown): ReviewMessage[] | null {
  if (!Array.isArray(messages) || messages.length === 0 || messages.length > REVIEW_LIMITS.messages) return null;
  const out: ReviewMessage[] = [];
  for (const m of messages as Array<Record<string, unknown>>) {
    const role = typeof m.role === 'string' && m.role !== '' ? m.role.slice(0, 32) : 'user';
    let content = contentText(m.content);
    if (Array.isArray(m.tool_calls) && m.tool_calls.length > 0) content += `${content ? '\n' : ''}[tool calls] ${JSON.stringify(m.tool_calls)}`;
    if (content.length > REVIEW_LIMITS.textChars) return null;
    out.push({ role, content });
  }
  return out;
}

function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part: { type?: unknown; text?: unknown }) => (typeof part?.text === 'string' ? part.text : `[${typeof part?.type === 'string' ? part.type : 'part'}]`))
    .join('\n');
}

/** A JSON object body, or null. */
export function parseObject(payload: Buffer): Record<string, unknown> | null {
  try {
    const v = JSON.parse(payload.toString('utf8')) as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The first choice's answer of a `chat.completion` body. */
export function jsonAnswerText(json: Record<string, unknown> | null): string | null {
  const choices = json?.choices;
  if (!Array.isArray(choices) || choices.length === 0) return null;
  const msg = (choices[0] as { message?: { content?: unknown; tool_calls?: unknown } }).message;
  if (!msg) return null;
  let text = typeof msg.content === 'string' ? msg.content : '';
  if (Array.isArray(msg.tool_calls) && msg.tool_calls.length > 0) text += `${text ? '\n' : ''}[tool calls] ${JSON.stringify(msg.tool_calls)}`;
  return fits(text);
}

/** The first choice's answer reassembled from the SSE bytes the client received. */
export function sseAnswerText(chunks: readonly Buffer[]): string | null {
  const body = Buffer.concat(chunks).toString('utf8');
  let text = '';
  const calls = new Map<number, { name: string; arguments: string }>();
  for (const line of body.split('\n')) {
    if (!line.startsWith('data:')) continue;
    const data = line.slice(5).trim();
    if (data === '' || data === '[DONE]') continue;
    let chunk: { choices?: Array<{ index?: number; delta?: { content?: unknown; tool_calls?: unknown } }> };
    try {
      chunk = JSON.parse(data);
    } catch {
      continue;
    }
    for (const choice of chunk.choices ?? []) {
      if ((choice.index ?? 0) !== 0 || !choice.delta) continue;
      if (typeof choice.delta.content === 'string') text += choice.delta.content;
      if (Array.isArray(choice.delta.tool_calls)) {
        for (const t of choice.delta.tool_calls as Array<{ index?: number; function?: { name?: unknown; arguments?: unknown } }>) {
          const call = calls.get(t.index ?? 0) ?? { name: '', arguments: '' };
          if (typeof t.function?.name === 'string') call.name += t.function.name;
          if (typeof t.function?.arguments === 'string') call.arguments += t.function.arguments;
          calls.set(t.index ?? 0, call);
        }
      }
    }
  }
  if (calls.size > 0) {
    const list = [...calls.values()].map((c) => ({ type: 'function', function: c }));
    text += `${text ? '\n' : ''}[tool calls] ${JSON.stringify(list)}`;
  }
  return fits(text);
}

function fits(text: string): string | null {
  return text.length > REVIEW_LIMITS.textChars ? null : text;
}
