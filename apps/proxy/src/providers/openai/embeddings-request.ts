import { errors } from '../../http/openai-error';
import { parseJsonObject } from './chat-request';

export interface EmbeddingsRequest {
  body: Record<string, unknown>;
  model: string;
  input: unknown;
}

export function parseEmbeddingsRequest(raw: Buffer): EmbeddingsRequest {
  const body = parseJsonObject(raw);
  if (body.input === undefined || body.input === null) throw errors.badRequest("Missing required parameter: 'input'.", 'input', 'missing_required_parameter');
  const input = body.input;
  const okInput = typeof input === 'string' || (Array.isArray(input) && input.length > 0);
  if (!okInput) throw errors.badRequest("Invalid 'input': expected a string or a non-empty array.", 'input', 'invalid_type');
  const model = body.model;
  if (model !== undefined && model !== null && typeof model !== 'string') throw errors.badRequest("Invalid type for 'model': expected a string.", 'model', 'invalid_type');
  return { body, model: typeof model === 'string' ? model : '', input };
}

export function toUpstreamEmbeddings(req: EmbeddingsRequest, upstreamModel: string): string {
  return JSON.stringify({ ...req.body, model: upstreamModel });
}
