import { decodeAnswer, decodeRecord, encodeAnswer, encodeRecord } from './cache-entry';
import { embedLocal } from './local-embedder';
import { signatureOfText } from './prompt-signature';

describe('cache entry encoding', () => {
  it('round-trips an answer, payload byte for byte', () => {
    const payload = Buffer.from('{"object":"chat.completion","choices":[]}');
    const a = { modelId: 'openai/gpt-4o', usage: { promptTokens: 10, completionTokens: 20, cachedTokens: 3 }, storedAtMs: 1_700_000_000_123, toolCalls: true, payload };
    const d = decodeAnswer(encodeAnswer(a))!;
    expect({ ...d, payload: d.payload.toString() }).toEqual({ ...a, payload: payload.toString() });
    expect(decodeAnswer(Buffer.from('something else'))).toBeNull();
  });

  it('round-trips a semantic record (vector, signature, lifetime)', () => {
    const text = 'Write a product description for the Acme X200 blender.';
    const r = { answerKey: 'ab'.repeat(32), storedAtMs: 1000.5, expiresAtMs: 3_601_000, vector: embedLocal(text), signature: signatureOfText(text) };
    const d = decodeRecord(encodeRecord(r))!;
    expect(d.answerKey).toBe(r.answerKey);
    expect([d.storedAtMs, d.expiresAtMs]).toEqual([r.storedAtMs, r.expiresAtMs]);
    expect(Array.from(d.vector)).toEqual(Array.from(r.vector));
    expect(Array.from(d.signature.hashes)).toEqual(Array.from(r.signature.hashes));
    expect(Array.from(d.signature.weights)).toEqual(Array.from(r.signature.weights));
    expect(d.signature.norm).toBeCloseTo(r.signature.norm, 6);
    expect(Array.from(d.signature.entities)).toEqual(Array.from(r.signature.entities));
    expect(decodeRecord(encodeRecord(r).subarray(0, 60))).toBeNull();
  });
});
