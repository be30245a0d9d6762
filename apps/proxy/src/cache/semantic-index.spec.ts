import type { SemanticRecord } from './cache-entry';
import { embedLocal } from './local-embedder';
import { signatureOfText } from './prompt-signature';
import { SemanticIndexes, type SemanticSearch } from './semantic-index';

const T0 = 1_000_000;
const rec = (text: string, answerKey: string, expiresAtMs = T0 + 60_000, storedAtMs = T0): SemanticRecord => ({ answerKey, storedAtMs, expiresAtMs, vector: embedLocal(text), signature: signatureOfText(text) });
const query = (text: string, nowMs = T0 + 1, ttlMs = 60_000, threshold = 0.92): SemanticSearch => ({ vector: embedLocal(text), signature: signatureOfText(text), threshold, ttlMs, nowMs, bySignature: true });

describe('SemanticIndexes', () => {
  it('finds a template variation in its own partition only', () => {
    const idx = new SemanticIndexes();
    expect(idx.add('p1', rec('Write a product description for the Acme X200 blender.', 'a'.repeat(64)), T0)).toBe(true);
    idx.add('p1', rec('Write a product description for the Acme X300 blender.', 'b'.repeat(64)), T0);
    const hit = idx.search('p1', query('Please write a product description for the Acme X200 blender'));
    expect(hit?.answerKey).toBe('a'.repeat(64));
    expect(hit!.score).toBeGreaterThanOrEqual(0.92);
    expect(idx.search('p2', query('Please write a product description for the Acme X200 blender'))).toBeNull();
    expect(idx.search('p1', query('Write a product description for the Acme X400 blender.'))).toBeNull();
  });

  it('adds an entry once however often it arrives, extending its life', () => {
    const idx = new SemanticIndexes();
    const r = rec('What is the price of the Sierra yoga mat?', 'c'.repeat(64));
    expect(idx.add('p', r, T0)).toBe(true);
    expect(idx.add('p', { ...r, expiresAtMs: T0 + 120_000 }, T0)).toBe(false);
    expect(idx.size).toBe(1);
    expect(idx.search('p', query('What is the price of the Sierra yoga mat?', T0 + 90_000, 200_000))).not.toBeNull();
  });

  it('never serves an expired entry, applies a shorter TTL of the current policy at once, and sweeps', () => {
    const idx = new SemanticIndexes();
    idx.add('p', rec('How do I clean the Atlas hiking boots?', 'd'.repeat(64), T0 + 10_000), T0);
    expect(idx.search('p', query('How do I clean the Atlas hiking boots?', T0 + 5_000))).not.toBeNull();
    // Stored 5 s ago; the bucket's TTL is now 2 s.
    expect(idx.search('p', query('How do I clean the Atlas hiking boots?', T0 + 5_000, 2_000))).toBeNull();
    expect(idx.search('p', query('How do I clean the Atlas hiking boots?', T0 + 10_000))).toBeNull();
    expect(idx.has('p', 'd'.repeat(64), T0 + 10_000)).toBe(false);
    expect(idx.add('p', rec('already expired', 'e'.repeat(64), T0), T0 + 1)).toBe(false);
    idx.add('p', rec('How long is the warranty on the Cedar standing desk?', 'f'.repeat(64), T0 + 20_000), T0);
    expect(idx.sweep(T0 + 30_000)).toBe(1);
    expect(idx.size).toBe(0);
  });

  it('serves no false hit in a crowded partition where prompts differ in one lower-case word', () => {
    // Hashing thousands of words into a few hundred dimensions makes some collide;
    // the decision on exact features must not be fooled by it.
    const idx = new SemanticIndexes();
    const syllables = 'ba be bi bo bu da de di do du ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu ra re ri ro ru sa se si so su ta te ti to tu'.split(' ');
    const word = (i: number) => `${syllables[i % 50]}${syllables[Math.floor(i / 50) % 50]}${syllables[Math.floor(i / 2500) % 50]}n`;
    const ad = (audience: string) => `Write a short ad for the desk lamp aimed at ${audience}.`;
    for (let i = 0; i < 2000; i++) idx.add('p', rec(ad(word(i)), i.toString(16).padStart(64, '0')), T0);
    let falseHits = 0;
    for (let i = 2000; i < 2200; i++) if (idx.search('p', query(ad(word(i))))) falseHits++;
    expect(falseHits).toBe(0);
    expect(idx.search('p', query(`Please write a short ad for the desk lamp aimed at ${word(42)}`))?.answerKey).toBe((42).toString(16).padStart(64, '0'));
  }, 60_000);

  it('skips a closer candidate that fails the entity guard', () => {
    const idx = new SemanticIndexes();
    idx.add('p', rec('Translate the product title "Sierra yoga mat" into German.', '1'.repeat(64)), T0);
    expect(idx.search('p', query('Translate the product title "Sierra yoga mat" into French.', T0 + 1, 60_000, 0.5))).toBeNull();
  });

  it('stops indexing when full, and rebuilds a graph full of deleted nodes without losing live entries', async () => {
    const small = new SemanticIndexes(2);
    small.add('p', rec('one thing', '1'.repeat(64), T0 + 10), T0);
    small.add('q', rec('two things', '2'.repeat(64)), T0);
    expect(small.add('p', rec('three things', '3'.repeat(64)), T0)).toBe(false);
    // Room again once an entry expired and was swept.
    small.sweep(T0 + 20);
    expect(small.add('p', rec('three things', '3'.repeat(64)), T0 + 20)).toBe(true);

    const idx = new SemanticIndexes();
    for (let i = 0; i < 1500; i++) idx.add('p', rec(`Write a product description for the Acme X${i} blender.`, i.toString(16).padStart(64, '0'), i < 1200 ? T0 + 10 : T0 + 60_000), T0);
    idx.sweep(T0 + 20);
    await idx.settled();
    expect(idx.partitionSize('p')).toBe(300);
    for (const i of [1200, 1345, 1499]) {
      expect(idx.search('p', query(`Please write a product description for the Acme X${i} blender`, T0 + 30))?.answerKey).toBe(i.toString(16).padStart(64, '0'));
    }
  }, 60_000);
});
