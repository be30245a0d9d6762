import type { TokenCounts } from '@switchyard/pricing';
import type { PromptSignature } from './prompt-signature';

/** A cached answer: the chat.completion JSON body and what it cost to make. */
export interface CachedAnswer {
  /** The model that produced it (also part of its key). */
  modelId: string;
  usage: TokenCounts;
  storedAtMs: number;
  /** It holds tool calls (served only where the bucket allows caching them). */
  toolCalls: boolean;
  /** chat.completion JSON, replayed as it is or as SSE. */
  payload: Buffer;
}

const ANSWER_MAGIC = 0x53594331; // "SYC1"

/** [magic u32][header length u32][header JSON][payload]: one Redis value, decoded without copying the payload. */
export function encodeAnswer(a: CachedAnswer): Buffer {
  const header = Buffer.from(JSON.stringify({ m: a.modelId, u: [a.usage.promptTokens, a.usage.completionTokens, a.usage.cachedTokens], t: a.storedAtMs, tc: a.toolCalls ? 1 : 0 }));
  const head = Buffer.allocUnsafe(8);
  head.writeUInt32BE(ANSWER_MAGIC, 0);
  head.writeUInt32BE(header.length, 4);
  return Buffer.concat([head, header, a.payload]);
}

/** The answer, or null for anything that is not one (another version's format, a foreign key). */
export function decodeAnswer(buf: Buffer): CachedAnswer | null {
  if (buf.length < 8 || buf.readUInt32BE(0) !== ANSWER_MAGIC) return null;
  const len = buf.readUInt32BE(4);
  if (8 + len > buf.length) return null;
  try {
    const h = JSON.parse(buf.toString('utf8', 8, 8 + len)) as { m: string; u: [number, number, number]; t: number; tc: number };
    return { modelId: h.m, usage: { promptTokens: h.u[0], completionTokens: h.u[1], cachedTokens: h.u[2] }, storedAtMs: h.t, toolCalls: h.tc === 1, payload: buf.subarray(8 + len) };
  } catch {
    return null;
  }
}

/** A semantic-cache entry: where its answer is, until when, and what the prompt was. */
export interface SemanticRecord {
  /** The exact-cache key that holds the answer (64 hex characters). */
  answerKey: string;
  storedAtMs: number;
  expiresAtMs: number;
  vector: Float32Array;
  signature: PromptSignature;
}

const RECORD_MAGIC = 0x53595332; // "SYS2"
const RECORD_HEAD = 4 + 8 + 8 + 2 + 2 + 2 + 32;

/** Fixed binary layout (vector, then features, weights, entities): what replicas exchange through Redis. */
export function encodeRecord(r: SemanticRecord): Buffer {
  const { hashes, weights, entities } = r.signature;
  const buf = Buffer.allocUnsafe(RECORD_HEAD + 4 * (r.vector.length + 2 * hashes.length + entities.length));
  let o = buf.writeUInt32BE(RECORD_MAGIC, 0);
  o = buf.writeDoubleLE(r.storedAtMs, o);
  o = buf.writeDoubleLE(r.expiresAtMs, o);
  o = buf.writeUInt16LE(r.vector.length, o);
  o = buf.writeUInt16LE(hashes.length, o);
  o = buf.writeUInt16LE(entities.length, o);
  o += buf.write(r.answerKey, o, 32, 'hex');
  for (const x of r.vector) o = buf.writeFloatLE(x, o);
  for (const x of hashes) o = buf.writeUInt32LE(x, o);
  for (const x of weights) o = buf.writeFloatLE(x, o);
  for (const x of entities) o = buf.writeUInt32LE(x, o);
  return buf;
}

export function decodeRecord(buf: Buffer): SemanticRecord | null {
  if (buf.length < RECORD_HEAD || buf.readUInt32BE(0) !== RECORD_MAGIC) return null;
  const dims = buf.readUInt16LE(20);
  const nFeatures = buf.readUInt16LE(22);
  const nEntities = buf.readUInt16LE(24);
  if (buf.length !== RECORD_HEAD + 4 * (dims + 2 * nFeatures + nEntities)) return null;
  let o = RECORD_HEAD;
  const vector = new Float32Array(dims);
  for (let i = 0; i < dims; i++, o += 4) vector[i] = buf.readFloatLE(o);
  const hashes = new Uint32Array(nFeatures);
  for (let i = 0; i < nFeatures; i++, o += 4) hashes[i] = buf.readUInt32LE(o);
  const weights = new Float32Array(nFeatures);
  let norm = 0;
  for (let i = 0; i < nFeatures; i++, o += 4) {
    weights[i] = buf.readFloatLE(o);
    norm += weights[i] * weights[i];
  }
  const entities = new Uint32Array(nEntities);
  for (let i = 0; i < nEntities; i++, o += 4) entities[i] = buf.readUInt32LE(o);
  return {
    answerKey: buf.toString('hex', 26, 58),
    storedAtMs: buf.readDoubleLE(4),
    expiresAtMs: buf.readDoubleLE(12),
    vector,
    signature: { hashes, weights, norm: Math.sqrt(norm), entities },
  };
}
