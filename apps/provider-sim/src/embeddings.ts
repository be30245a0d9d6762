import { BadRequest } from './http';
import { fnv1a, mix } from './random';
import { countTokens } from './text';

export const DEFAULT_DIMENSIONS = 256;
const MAX_DIMENSIONS = 4096;

export interface EmbeddingRequest {
  model: string;
  /** Each input as text (token-id inputs become "t<id>" words). */
  inputs: string[];
  /** Prompt tokens of each input (token-id inputs count their ids). */
  tokens: number[];
  dimensions: number;
  base64: boolean;
}

function tokenArrayText(tokens: unknown[], param: string): string {
  if (!tokens.every((t) => typeof t === 'number' && Number.isInteger(t) && t >= 0)) {
    throw new BadRequest(`Invalid '${param}': token arrays must hold non-negative integers.`, param);
  }
  return tokens.map((t) => `t${t as number}`).join(' ');
}

export function parseEmbeddingRequest(body: Record<string, unknown>): EmbeddingRequest {
  if (typeof body.model !== 'string' || body.model === '') throw new BadRequest(`Missing required parameter: 'model'.`, 'model');
  const input = body.input;
  if (input === undefined || input === null) throw new BadRequest(`Missing required parameter: 'input'.`, 'input');
  let inputs: string[];
  if (typeof input === 'string') inputs = [input];
  else if (Array.isArray(input) && input.length > 0 && input.every((x) => typeof x === 'number')) inputs = [tokenArrayText(input, 'input')];
  else if (Array.isArray(input) && input.length > 0 && input.length <= 2048) {
    inputs = input.map((item, i) => {
      if (typeof item === 'string') return item;
      if (Array.isArray(item) && item.length > 0) return tokenArrayText(item, `input[${i}]`);
      throw new BadRequest(`Invalid 'input[${i}]': expected a string or an array of token ids.`, `input[${i}]`);
    });
  } else {
    throw new BadRequest(`Invalid 'input': expected a string, an array of 1..2048 strings, or token arrays.`, 'input');
  }
  inputs.forEach((text, i) => {
    if (text === '') throw new BadRequest(`Invalid 'input${inputs.length > 1 ? `[${i}]` : ''}': an input must not be empty.`, 'input');
  });
  const dims = body.dimensions ?? DEFAULT_DIMENSIONS;
  if (typeof dims !== 'number' || !Number.isInteger(dims) || dims < 1 || dims > MAX_DIMENSIONS) {
    throw new BadRequest(`Invalid 'dimensions': expected an integer between 1 and ${MAX_DIMENSIONS}.`, 'dimensions');
  }
  const format = body.encoding_format ?? 'float';
  if (format !== 'float' && format !== 'base64') throw new BadRequest(`Invalid 'encoding_format': expected "float" or "base64".`, 'encoding_format');
  const tokens = inputs.map((text, i) => {
    const raw = typeof input === 'string' ? input : (input as unknown[]).every((x) => typeof x === 'number') ? input : (input as unknown[])[i];
    return Array.isArray(raw) ? raw.length : countTokens(text);
  });
  return { model: body.model, inputs, tokens, dimensions: dims, base64: format === 'base64' };
}

function addFeature(vec: Float64Array, feature: string, seed: number, weight: number): void {
  let h = fnv1a(feature, seed);
  // Each feature lands on three dimensions with hashed signs (feature hashing).
  for (let k = 0; k < 3; k++) {
    h = mix(h, k);
    vec[h % vec.length] += (h & 0x80000000 ? -1 : 1) * weight;
  }
}

/**
 * A deterministic unit vector built by hashing words and word pairs: the same text
 * always gives the same vector, and texts sharing words are close in cosine
 * similarity, so a semantic cache in front of the simulator behaves plausibly.
 */
export function embed(model: string, text: string, dimensions: number): Float32Array {
  const seed = fnv1a(model);
  const vec = new Float64Array(dimensions);
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [text];
  for (let i = 0; i < words.length; i++) {
    addFeature(vec, words[i], seed, 1);
    if (i > 0) addFeature(vec, `${words[i - 1]} ${words[i]}`, seed, 0.5);
  }
  let norm = 0;
  for (let i = 0; i < dimensions; i++) norm += vec[i] * vec[i];
  if (norm === 0) {
    vec[fnv1a(text, seed) % dimensions] = 1;
    norm = 1;
  }
  const scale = 1 / Math.sqrt(norm);
  const out = new Float32Array(dimensions);
  for (let i = 0; i < dimensions; i++) out[i] = vec[i] * scale;
  return out;
}

export function embeddingsBody(req: EmbeddingRequest, omitUsage: boolean): string {
  let promptTokens = 0;
  const data = req.inputs.map((text, index) => {
    promptTokens += req.tokens[index];
    const vec = embed(req.model, text, req.dimensions);
    const embedding = req.base64 ? Buffer.from(vec.buffer, vec.byteOffset, vec.byteLength).toString('base64') : Array.from(vec);
    return { object: 'embedding', index, embedding };
  });
  const body: Record<string, unknown> = { object: 'list', data, model: req.model };
  if (!omitUsage) body.usage = { prompt_tokens: promptTokens, total_tokens: promptTokens };
  return JSON.stringify(body);
}
