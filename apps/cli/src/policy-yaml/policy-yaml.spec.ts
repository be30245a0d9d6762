import fc from 'fast-check';
import { policyContent, SEED_MODELS, SEED_POLICY, type CatalogEntry, type PolicyContent } from '@switchyard/contracts';
import { formatIssues, parsePolicyYaml, policyToYaml } from './policy-yaml';

const catalog: CatalogEntry[] = SEED_MODELS.map((m) => ({ id: m.id, kind: m.kind ?? 'chat', enabled: true }));
const seed: PolicyContent = policyContent.parse(SEED_POLICY);

function issuesOf(text: string, withCatalog = true) {
  const r = parsePolicyYaml(text, withCatalog ? catalog : undefined);
  if (r.ok) throw new Error('expected the file to be refused');
  return r.issues;
}

describe('policy YAML', () => {
  it('round-trips the starter policy exactly', () => {
    const yaml = policyToYaml(seed, 'exported from version 1');
    const back = parsePolicyYaml(yaml, catalog);
    expect(back).toEqual({ ok: true, content: seed });
  });

  it('writes keys in schema order, is byte-stable, and reads as a review-friendly document', () => {
    const reverseKeys = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(reverseKeys) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reverseKeys(x)])) : v;
    const shuffled = reverseKeys(seed);
    const yaml = policyToYaml(seed, 'header');
    expect(policyToYaml(shuffled as PolicyContent, 'header')).toBe(yaml);
    const lines = yaml.split('\n');
    expect(lines[0]).toBe('# header');
    expect(lines.filter((l) => /^\S/.test(l) && !l.startsWith('#')).map((l) => l.split(':')[0])).toEqual(['defaultBucket', 'baselineModel', 'embeddingModel', 'buckets']);
    expect(yaml).toContain('  - name: bulk\n');
    expect(yaml).toContain('\n\n  - name: standard\n');
  });

  it('round-trips any policy content, whatever its strings contain (property)', () => {
    const awkward = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom('yes', 'no', 'null', '~', '123', '1e3', '0x1F', ': colon', '# hash', '- dash', '  lead', 'trail  ', 'line\nbreak', 'ünïcødé ✓', '"quoted"', "'single'", '*alias', '&anchor', '!tag', '{a: 1}', '[1]'),
    );
    const bucketArb = fc.record({
      name: fc.stringMatching(/^[a-z][a-z0-9_-]{0,10}$/),
      description: awkward.filter((s) => s.length <= 500),
      match: fc.array(fc.record({ team: awkward.filter((s) => s.length >= 1 && s.length <= 128) }), { maxLength: 2 }),
      targets: fc.constant([{ model: 'openai/gpt-4o', weight: 100 }]),
      fallbacks: fc.subarray(['deepseek-ai/DeepSeek-V4-Pro', 'zai-org/GLM-4-Plus']),
      cache: fc.record({
        exact: fc.boolean(), semantic: fc.boolean(),
        threshold: fc.double({ min: 0.5, max: 1, noNaN: true }),
        ttlSeconds: fc.integer({ min: 1, max: 86_400 }),
        maxTemperature: fc.double({ min: 0, max: 2, noNaN: true }),
        allowToolCalls: fc.boolean(),
      }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(bucketArb, { minLength: 1, maxLength: 4, selector: (b) => b.name }), (buckets) => {
        const content = policyContent.parse({ defaultBucket: buckets[0].name, baselineModel: 'openai/gpt-4o', buckets });
        expect(parsePolicyYaml(policyToYaml(content))).toEqual({ ok: true, content });
      }),
      { numRuns: 150 },
    );
  });

  it('refuses a YAML syntax error with its line and column', () => {
    const issues = issuesOf('defaultBucket: standard\nbuckets:\n  - name: bulk\n   targets: [\n');
    expect(issues[0].path).toBe('(yaml)');
    expect(issues[0].line).toBeGreaterThanOrEqual(3);
    expect(issues[0].message.length).toBeGreaterThan(5);
  });

  it('refuses a duplicate key at the duplicate', () => {
    const issues = issuesOf('defaultBucket: standard\ndefaultBucket: bulk\n');
    expect(issues[0]).toMatchObject({ path: '(yaml)', line: 2, column: 1 });
    expect(issues[0].message).toMatch(/unique/i);
  });

  it('locates schema and catalog problems at the offending node', () => {
    const yaml = policyToYaml(seed)
      .replace('weight: 100', 'weight: 90')
      .replace('model: openai/gpt-4o', 'model: nope/missing')
      .replace('ttlSeconds: 86400', 'ttlSeconds: 0');
    const issues = issuesOf(yaml);
    const lines = yaml.split('\n');
    const at = (path: string) => issues.find((i) => i.path === path)!;
    // weights: points at the targets list of bucket 0
    expect(at('buckets.0.targets').message).toMatch(/sum to 90/);
    expect(lines[at('buckets.0.targets').line - 1]).toMatch(/- model: deepseek-ai\/DeepSeek-V4-Flash/);
    // a model that is not in the catalog: the line that names it, at the value
    const bad = at('buckets.2.targets.0.model');
    expect(bad.message).toMatch(/not a catalog model/);
    expect(lines[bad.line - 1].slice(bad.column - 1)).toBe('nope/missing');
    expect(lines[at('buckets.0.cache.ttlSeconds').line - 1]).toMatch(/ttlSeconds: 0/);
  });

  it('names unknown and missing fields where they are (or would be)', () => {
    const issues = issuesOf('defaultBucket: standard\nbuckets:\n  - name: bulk\n    tragets: []\n    targets:\n      - model: openai/gpt-4o\n        weight: 100\n', false);
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: 'buckets.0.tragets', line: 4, column: 5, message: 'unknown field "tragets"' },
        { path: 'baselineModel', line: 1, column: 1, message: 'missing required field "baselineModel"' },
      ]),
    );
    expect(formatIssues('policy.yaml', issues).split('\n')[0]).toBe('policy.yaml:1:1: baselineModel: missing required field "baselineModel"');
  });

  it('refuses an empty file and a wrong type with the place', () => {
    expect(issuesOf('')[0]).toMatchObject({ line: 1, column: 1 });
    const issues = issuesOf('defaultBucket: standard\nbaselineModel: openai/gpt-4o\nbuckets: many\n', false);
    expect(issues[0]).toMatchObject({ path: 'buckets', line: 3, column: 10 });
  });
});
