import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOCAL_EMBEDDER_DIMS, LOCAL_EMBEDDER_ID } from '../../apps/proxy/src/cache/local-embedder';
import { entitiesAgree, signatureCosine, signatureOfText } from '../../apps/proxy/src/cache/prompt-signature';
import { atThreshold, cosine, EVAL_DIR, parsePairs, THRESHOLDS, type ScoredPair } from './eval-metrics';
import { writePairs } from './generate-pairs';

/**
 * `npm run eval:cache` — precision and recall of the semantic cache's embedder on
 * the committed labelled pairs (eval/cache/pairs.jsonl) at thresholds 0.80…0.98.
 * Options:
 *   --base-url URL --model NAME [--api-key-env VAR]   evaluate an OpenAI-compatible
 *       embeddings endpoint instead of the built-in local embedder
 *   --generate        rewrite pairs.jsonl from the templates first
 *   --show-errors     list the wrong hits and the misses at the default threshold
 */
const DEFAULT_THRESHOLD = 0.92;

interface Options {
  baseUrl: string | null;
  model: string | null;
  apiKeyEnv: string | null;
  generate: boolean;
  showErrors: boolean;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { baseUrl: null, model: null, apiKeyEnv: null, generate: false, showErrors: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (!v) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--base-url') o.baseUrl = value().replace(/\/+$/, '');
    else if (a === '--model') o.model = value();
    else if (a === '--api-key-env') o.apiKeyEnv = value();
    else if (a === '--generate') o.generate = true;
    else if (a === '--show-errors') o.showErrors = true;
    else throw new Error(`unknown option ${a} (use --base-url URL --model NAME [--api-key-env VAR], --generate, --show-errors)`);
  }
  if ((o.baseUrl === null) !== (o.model === null)) throw new Error('--base-url and --model go together');
  return o;
}

async function remoteEmbedder(o: Options): Promise<(texts: string[]) => Promise<number[][]>> {
  const key = o.apiKeyEnv ? process.env[o.apiKeyEnv] : undefined;
  return async (texts) => {
    const out: number[][] = [];
    for (let i = 0; i < texts.length; i += 256) {
      const res = await fetch(`${o.baseUrl}/embeddings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
        body: JSON.stringify({ model: o.model, input: texts.slice(i, i + 256) }),
      });
      if (!res.ok) throw new Error(`embeddings request failed: HTTP ${res.status} ${await res.text()}`);
      const body = (await res.json()) as { data: Array<{ index: number; embedding: number[] }> };
      for (const d of [...body.data].sort((x, y) => x.index - y.index)) out.push(d.embedding);
    }
    return out;
  };
}

const pct = (x: number) => x.toFixed(3);

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const file = join(EVAL_DIR, 'pairs.jsonl');
  if (o.generate) writePairs(file);
  const pairs = parsePairs(readFileSync(file, 'utf8'));
  let name: string;
  let scores: number[];
  if (o.baseUrl) {
    name = `${o.model} at ${o.baseUrl}`;
    const embed = await remoteEmbedder(o);
    const vectors = await embed(pairs.flatMap((p) => [p.a, p.b]));
    scores = pairs.map((_, i) => cosine(vectors[2 * i], vectors[2 * i + 1]));
  } else {
    name = `built-in ${LOCAL_EMBEDDER_ID} (exact feature similarity; ${LOCAL_EMBEDDER_DIMS}-dim hashed vectors for the index)`;
    // The cache decides on the exact feature similarity (the dense vector only finds candidates).
    scores = pairs.map((p) => signatureCosine(signatureOfText(p.a), signatureOfText(p.b)));
  }
  const scored: ScoredPair[] = pairs.map((p, i) => ({ ...p, score: scores[i], agree: entitiesAgree(signatureOfText(p.a), signatureOfText(p.b)) }));
  const same = scored.filter((s) => s.same).length;
  const lines = [
    `Semantic cache eval — embedder: ${name}`,
    `${scored.length} labelled pairs from eval/cache/pairs.jsonl: ${same} same intent, ${scored.length - same} different`,
    '',
    'A hit is served when cosine similarity ≥ threshold and the entity guard agrees (model codes, numbers,',
    'names on both sides); the last column is the precision of the cosine alone, without the guard.',
    '',
    'threshold  precision  recall   right hits  wrong hits  misses  cosine-only precision',
  ];
  for (const t of THRESHOLDS) {
    const r = atThreshold(scored, t);
    const mark = t === DEFAULT_THRESHOLD ? '  ← default' : '';
    const bare = atThreshold(scored, t, false);
    lines.push(`${t.toFixed(2).padEnd(11)}${pct(r.precision).padEnd(11)}${pct(r.recall).padEnd(9)}${String(r.tp).padStart(10)}${String(r.fp).padStart(12)}${String(r.fn).padStart(8)}${pct(bare.precision).padStart(23)}${mark}`);
  }
  const d = atThreshold(scored, DEFAULT_THRESHOLD);
  lines.push('', `At the default threshold ${DEFAULT_THRESHOLD}: precision ${pct(d.precision)} (must be ≥ 0.99), recall ${pct(d.recall)}.`);
  lines.push('Hits by pair kind at the default threshold:');
  for (const kind of [...new Set(scored.map((s) => s.kind))]) {
    const of = scored.filter((s) => s.kind === kind);
    const hits = of.filter((s) => s.score >= DEFAULT_THRESHOLD && s.agree).length;
    const mean = of.reduce((acc, s) => acc + s.score, 0) / of.length;
    lines.push(`  ${kind.padEnd(20)} ${String(hits).padStart(3)} of ${String(of.length).padStart(3)} (${of[0].same ? 'should hit' : 'must not hit'}; mean similarity ${pct(mean)})`);
  }
  if (o.showErrors) {
    lines.push('', 'Wrong hits:');
    for (const s of scored.filter((x) => !x.same && x.score >= DEFAULT_THRESHOLD && x.agree)) lines.push(`  ${pct(s.score)}  ${s.a}  |  ${s.b}`);
    lines.push('Misses:');
    for (const s of scored.filter((x) => x.same && !(x.score >= DEFAULT_THRESHOLD && x.agree)).sort((x, y) => x.score - y.score)) {
      lines.push(`  ${pct(s.score)}${s.agree ? '' : ' (guard)'}  ${s.a}  |  ${s.b}`);
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  if (d.precision < 0.99) process.exitCode = 1;
}

main().catch((err: unknown) => {
  process.stderr.write(`eval:cache failed: ${(err as Error).message}\n`);
  process.exit(1);
});
