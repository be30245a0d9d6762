import type { ServerResponse } from 'node:http';
import { logprobEntry, type Completion } from './chat';
import type { ChatRequest } from './chat-request';
import type { FaultSettings } from './config';
import { bump, type SimStats } from './stats';

export const DONE_EVENT = 'data: [DONE]\n\n';

const SSE_HEADERS = { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' };

/** The stream's SSE events in order, and for each the index of the token it carries (for pacing). */
export interface StreamPlan {
  events: string[];
  /** tokenAt[k] = how many tokens precede event k (events without a token share their predecessor's time). */
  tokenAt: number[];
}

/** Builds every `data:` event of an OpenAI chat stream, choices interleaved like OpenAI's. */
export function planStream(c: Completion, req: ChatRequest, omitUsage: boolean): StreamPlan {
  const head = `data: {"id":"${c.id}","object":"chat.completion.chunk","created":${c.created},"model":${JSON.stringify(c.model)},"service_tier":"default","system_fingerprint":"fp_sim","choices":[`;
  const tail = req.includeUsage ? '],"usage":null}\n\n' : ']}\n\n';
  const events: string[] = [];
  const tokenAt: number[] = [];
  let tokens = 0;
  const push = (choice: string, isToken: boolean): void => {
    events.push(head + choice + tail);
    tokenAt.push(tokens);
    if (isToken) tokens++;
  };
  c.choices.forEach((choice, i) => {
    if (choice.toolCall) {
      const call = `{"index":0,"id":"${choice.toolCall.id}","type":"function","function":{"name":${JSON.stringify(choice.toolCall.name)},"arguments":""}}`;
      push(`{"index":${i},"delta":{"role":"assistant","content":null,"tool_calls":[${call}],"refusal":null},"logprobs":null,"finish_reason":null}`, true);
    } else {
      push(`{"index":${i},"delta":{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null}`, false);
    }
  });
  const longest = Math.max(...c.choices.map((choice) => choice.pieces.length));
  for (let t = 0; t < longest; t++) {
    c.choices.forEach((choice, i) => {
      const piece = choice.pieces[t];
      if (piece === undefined) return;
      const text = JSON.stringify(piece);
      const logprobs = req.logprobs ? `{"content":[${JSON.stringify(logprobEntry(piece, req.topLogprobs))}],"refusal":null}` : 'null';
      const delta = choice.toolCall ? `{"tool_calls":[{"index":0,"function":{"arguments":${text}}}]}` : `{"content":${text}}`;
      push(`{"index":${i},"delta":${delta},"logprobs":${logprobs},"finish_reason":null}`, true);
    });
  }
  c.choices.forEach((choice, i) => push(`{"index":${i},"delta":{},"logprobs":null,"finish_reason":"${choice.finishReason}"}`, false));
  if (req.includeUsage && !omitUsage) {
    events.push(`${head}],"usage":${JSON.stringify(c.usage)}}\n\n`);
    tokenAt.push(tokens);
  }
  events.push(DONE_EVENT);
  tokenAt.push(tokens);
  return { events, tokenAt };
}

export interface StreamHooks {
  /** The stream was cut on purpose (the close that follows is not a client abort). */
  onCut(): void;
}

/**
 * Writes the planned events, paced at `tokensPerSecond` (0 = all at once), honouring
 * cutAfterChunks / hangAfterChunks / garbage / truncatedJson. The caller has already
 * waited ttftMs. Stops at once when the client goes away.
 */
export function writeStream(res: ServerResponse, plan: StreamPlan, s: FaultSettings, stats: SimStats, hooks: StreamHooks): void {
  res.writeHead(200, SSE_HEADERS);
  stats.streams.started++;
  if (s.garbage) {
    bump(stats.faults, 'garbage');
    res.end('data: {"id": this is not json at all <html>\n\ndata: ###garbage###\n\n');
    return;
  }
  if (s.truncatedJson) {
    bump(stats.faults, 'truncatedJson');
    const first = plan.events[0];
    res.end(first.slice(0, Math.floor(first.length / 2)));
    return;
  }
  const { events, tokenAt } = plan;
  const cutAt = s.cutAfterChunks >= 0 ? Math.min(s.cutAfterChunks, events.length) : -1;
  const stallAt = s.hangAfterChunks >= 0 ? Math.min(s.hangAfterChunks, events.length) : -1;
  const stopAt = cutAt >= 0 ? cutAt : stallAt >= 0 ? stallAt : events.length;
  const interval = s.tokensPerSecond > 0 ? 1000 / s.tokensPerSecond : 0;
  const start = performance.now();
  let next = 0;
  let timer: NodeJS.Timeout | null = null;

  const pump = (): void => {
    timer = null;
    if (res.destroyed) return;
    const now = performance.now();
    let batch = '';
    while (next < stopAt && (interval === 0 || start + tokenAt[next] * interval <= now)) batch += events[next++];
    if (next === events.length) {
      res.end(batch);
      return;
    }
    if (next === stopAt && cutAt >= 0) {
      bump(stats.faults, 'cut');
      hooks.onCut();
      // Destroy only once the events before the cut have reached the socket.
      if (batch === '') {
        res.flushHeaders();
        setImmediate(() => res.destroy());
      } else {
        res.write(batch, () => res.destroy());
      }
      return;
    }
    if (batch !== '') res.write(batch);
    if (next === stopAt) {
      bump(stats.faults, 'hangAfterChunks');
      if (!res.headersSent) res.flushHeaders();
      return;
    }
    timer = setTimeout(pump, Math.max(1, start + tokenAt[next] * interval - now));
  };

  res.once('close', () => {
    if (timer) clearTimeout(timer);
  });
  pump();
}
