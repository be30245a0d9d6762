import type { TokenCounts } from '@switchyard/pricing';

interface OpenAIUsage {
  prompt_tokens?: unknown;
  completion_tokens?: unknown;
  prompt_tokens_details?: { cached_tokens?: unknown } | null;
}

const count = (v: unknown): number => (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : 0);

/**
 * Token counts from an OpenAI `usage` object (chat, stream or embeddings), or null
 * when there is none. Cached prompt tokens are part of `prompt_tokens`.
 */
export function mapUsage(usage: unknown): TokenCounts | null {
  if (typeof usage !== 'object' || usage === null) return null;
  const u = usage as OpenAIUsage;
  if (u.prompt_tokens === undefined && u.completion_tokens === undefined) return null;
  return {
    promptTokens: count(u.prompt_tokens),
    completionTokens: count(u.completion_tokens),
    cachedTokens: count(u.prompt_tokens_details?.cached_tokens),
  };
}

/** The text a completion generated (message content and tool-call arguments), for token estimates. */
export function completionText(json: unknown): string {
  const choices = (json as { choices?: unknown }).choices;
  if (!Array.isArray(choices)) return '';
  let text = '';
  for (const c of choices) {
    const msg = (c as { message?: { content?: unknown; tool_calls?: unknown } }).message;
    if (!msg) continue;
    if (typeof msg.content === 'string') text += msg.content;
    if (Array.isArray(msg.tool_calls)) {
      for (const t of msg.tool_calls) {
        const fn = (t as { function?: { name?: unknown; arguments?: unknown } }).function;
        if (fn && typeof fn.name === 'string') text += ` ${fn.name} `;
        if (fn && typeof fn.arguments === 'string') text += fn.arguments;
      }
    }
  }
  return text;
}

/** The text of the prompt (every message's text content), for token estimates. */
export function promptText(messages: unknown): { text: string; messages: number } {
  if (!Array.isArray(messages)) return { text: '', messages: 0 };
  let text = '';
  for (const m of messages) {
    const content = (m as { content?: unknown }).content;
    if (typeof content === 'string') text += `${content}\n`;
    else if (Array.isArray(content)) {
      for (const part of content) {
        const t = (part as { text?: unknown }).text;
        if (typeof t === 'string') text += `${t}\n`;
      }
    }
    const toolCalls = (m as { tool_calls?: unknown }).tool_calls;
    if (Array.isArray(toolCalls)) text += JSON.stringify(toolCalls);
  }
  return { text, messages: messages.length };
}
