import type { IncomingMessage, ServerResponse } from 'node:http';
import { completionBody, generateCompletion, generationMs } from './chat';
import { parseChatRequest } from './chat-request';
import type { FaultSettings } from './config';
import { parseEmbeddingRequest, embeddingsBody } from './embeddings';
import { decideFault, resolveSettings, sendJsonWithFaults, waitOpen } from './faults';
import { BadRequest, parseJsonObject, readBody, sendJson } from './http';
import { modelBody, modelsBody } from './models';
import { planStream, writeStream } from './sse';
import type { SimState } from './state';
import { bump } from './stats';

/** Per-request flags read by the server's `close` accounting. */
export interface Exchange {
  streaming: boolean;
  /** The simulator cut the socket itself (not a client abort). */
  cut: boolean;
}

/**
 * Applies the pre-answer faults. Returns the settings to answer with, or null when the
 * request was answered with an error or is being left hanging.
 */
async function admit(state: SimState, req: IncomingMessage, res: ServerResponse, model: string | null): Promise<FaultSettings | null> {
  const settings = resolveSettings(state.config, model, req.headers);
  const fault = decideFault(settings, state.rng, state.stats);
  if (fault === 'hang') return null;
  if (fault) {
    sendJson(res, fault.status, fault.body, fault.headers);
    return null;
  }
  return settings;
}

export async function handleChat(state: SimState, req: IncomingMessage, res: ServerResponse, ex: Exchange): Promise<void> {
  const body = parseJsonObject(await readBody(req));
  const chat = parseChatRequest(body);
  bump(state.stats.requests.byModel, chat.model);
  const s = await admit(state, req, res, chat.model);
  if (!s) return;
  const completion = generateCompletion(chat, s);
  if (chat.stream) {
    if (!(await waitOpen(res, s.ttftMs))) return;
    ex.streaming = true;
    writeStream(res, planStream(completion, chat, s.omitUsage), s, state.stats, { onCut: () => (ex.cut = true) });
    return;
  }
  if (!(await waitOpen(res, s.ttftMs + generationMs(completion, s)))) return;
  ex.cut = sendJsonWithFaults(res, completionBody(completion, chat, s.omitUsage), s, state.stats);
}

export async function handleEmbeddings(state: SimState, req: IncomingMessage, res: ServerResponse, ex: Exchange): Promise<void> {
  const request = parseEmbeddingRequest(parseJsonObject(await readBody(req)));
  bump(state.stats.requests.byModel, request.model);
  const s = await admit(state, req, res, request.model);
  if (!s) return;
  if (!(await waitOpen(res, s.ttftMs))) return;
  ex.cut = sendJsonWithFaults(res, embeddingsBody(request, s.omitUsage), s, state.stats);
}

export async function handleModels(state: SimState, req: IncomingMessage, res: ServerResponse, id: string | null): Promise<void> {
  req.resume();
  const s = await admit(state, req, res, id);
  if (!s) return;
  if (id === null) {
    sendJson(res, 200, modelsBody(state.config));
    return;
  }
  const body = modelBody(state.config, id);
  if (body) sendJson(res, 200, body);
  else throw new BadRequest(`The model '${id}' does not exist.`, 'model', 404, 'model_not_found');
}
