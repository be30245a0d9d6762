import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { loadCache, ms, percentile } from './bench-modules';

/** A full garbage collection on demand (for the memory figure), without a command-line flag. */
setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc') as () => void;
const heapNow = () => {
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};
import { freshPrompt, storedPrompt, variationOf } from './bench-prompts';

const THRESHOLD = 0.92;
const PARTITION = 'bench-partition';

/**
 * Part 2: the semantic lookup as a request makes it, in process: embed the prompt
 * with the built-in embedder, search the partition's HNSW index, check the best
 * candidates' exact similarity and entities. `size` entries in one partition;
 * half the queries are template variations of stored prompts (hits), half name
 * products never stored (misses). Also: agreement of the index with an exhaustive
 * scan of every entry, and the time to build the index.
 */
export async function semanticLookup(size: number, queries: number, checkQueries: number): Promise<string[]> {
  const c = loadCache();
  const idx = new c.SemanticIndexes(size);
  const signatures: Array<ReturnType<typeof c.signatureOfText>> = [];
  const heapBefore = heapNow();
  const t0 = performance.now();
  for (let i = 0; i < size; i++) {
    const sig = c.promptSignature(c.embedTokens(storedPrompt(i)));
    signatures.push(sig);
    idx.add(PARTITION, { answerKey: i.toString(16).padStart(64, '0'), storedAtMs: Date.now(), expiresAtMs: Date.now() + 3_600_000, vector: c.denseVector(sig), signature: sig });
    // Let the event loop breathe (and the benchmark show progress) on long builds.
    if (i % 5000 === 4999) await new Promise((r) => setImmediate(r));
  }
  const buildMs = performance.now() - t0;
  // The signatures kept for the exhaustive check below are not part of the index: dropped from the figure.
  const heapAfter = heapNow() - signatures.reduce((n, sig) => n + 8 * sig.hashes.length + 4 * sig.entities.length + 160, 0);

  const lookup = (text: string) => {
    const sig = c.promptSignature(c.embedTokens(text));
    const vector = c.denseVector(sig);
    const started = performance.now();
    const m = idx.search(PARTITION, { vector, signature: sig, threshold: THRESHOLD, ttlMs: 3_600_000, nowMs: Date.now(), bySignature: true });
    return { m, searchMs: performance.now() - started, sig };
  };
  const step = Math.max(1, Math.floor(size / queries));
  // Warm the JIT before timing.
  for (let i = 0; i < 200; i++) lookup(variationOf((i * step) % size));

  const cpu0 = process.cpuUsage();
  const full = { hit: [] as number[], miss: [] as number[] };
  const cpuEach: number[] = [];
  const search = { hit: [] as number[], miss: [] as number[] };
  let hits = 0;
  let wrong = 0;
  for (let q = 0; q < queries; q++) {
    for (const kind of ['hit', 'miss'] as const) {
      const i = (q * step + 7) % size;
      const text = kind === 'hit' ? variationOf(i) : freshPrompt(q);
      const c = process.cpuUsage();
      const started = performance.now();
      const r = lookup(text);
      full[kind].push(performance.now() - started);
      const used = process.cpuUsage(c);
      cpuEach.push((used.user + used.system) / 1000);
      search[kind].push(r.searchMs);
      if (kind === 'hit' && r.m) {
        hits++;
        if (r.m.answerKey !== i.toString(16).padStart(64, '0')) wrong++;
      }
      if (kind === 'miss' && r.m) wrong++;
    }
  }

  const cpu = process.cpuUsage(cpu0);
  const cpuPerLookup = (cpu.user + cpu.system) / (2 * queries);

  // The index against an exhaustive scan: same decision (same entry, or none) for variations and fresh prompts.
  let agree = 0;
  for (let q = 0; q < checkQueries; q++) {
    const text = q % 2 === 0 ? variationOf((q * 7919) % size) : freshPrompt(10_000 + q);
    const r = lookup(text);
    let best: { i: number; s: number } | null = null;
    for (let i = 0; i < signatures.length; i++) {
      const s = c.signatureCosine(r.sig, signatures[i]);
      if (s >= THRESHOLD && (!best || s > best.s) && c.entitiesAgree(r.sig, signatures[i])) best = { i, s };
    }
    const exhaustive = best ? best.i.toString(16).padStart(64, '0') : null;
    if ((r.m?.answerKey ?? null) === exhaustive) agree++;
  }

  const row = (label: string, xs: number[]) => `  ${label.padEnd(44)}${ms(percentile(xs, 50)).padStart(9)}${ms(percentile(xs, 99)).padStart(9)}`;
  return [
    `${size.toLocaleString('en-US')} entries in one partition (built in ${(buildMs / 1000).toFixed(1)} s, ${(buildMs / size).toFixed(3)} ms per insert; index memory about ${Math.round((heapAfter - heapBefore) / 1024 / 1024)} MB):`,
    `  ${'lookup (ms)'.padEnd(44)}${'p50'.padStart(9)}${'p99'.padStart(9)}`,
    row('embed + search, template variation (hit)', full.hit),
    row('embed + search, unseen product (miss)', full.miss),
    row('index search alone, hit', search.hit),
    row('index search alone, miss', search.miss),
    row('CPU time per lookup (embed + search)', cpuEach),
    `  (CPU time is what the lookup itself costs; wall-clock percentiles also hold the time other processes had the CPU — mean CPU ${(cpuPerLookup / 1000).toFixed(3)} ms)`,
    `  variations served: ${hits} of ${queries}; wrong answers: ${wrong}; same decision as an exhaustive scan: ${agree} of ${checkQueries}`,
  ];
}
