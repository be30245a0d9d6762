import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Rollout } from '@switchyard/contracts';
import { startControlPlane, type ControlPlaneHarness } from '../../control-plane/test/support/control-plane.harness';
import { parsePolicyYaml } from '../src/policy-yaml/policy-yaml';
import { run } from '../src/run';

interface Result {
  code: number;
  out: string;
  err: string;
}

describe('switchyard CLI against a real control plane', () => {
  let cp: ControlPlaneHarness;
  let dir: string;

  const cli = async (argv: string[], env: { token?: string | null } = {}): Promise<Result> => {
    const out: string[] = [];
    const err: string[] = [];
    const token = env.token === undefined ? cp.adminToken : env.token;
    const code = await run(argv, {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
      readFile: (p) => readFile(p, 'utf8'),
      writeFile: (p, t) => writeFile(p, t, 'utf8'),
      env: { url: cp.url, token, email: null, password: null, color: false },
    });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
  const state = async () => ({
    versions: (await cp.request('GET', '/policies/versions')).body.length as number,
    drafts: (await cp.request('GET', '/policies/drafts')).body.length as number,
    rollouts: (await cp.request('GET', '/rollouts')).body.length as number,
  });
  const live = async () => (await cp.request('GET', '/policies/live')).body;
  const file = (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };

  beforeAll(async () => {
    cp = await startControlPlane({ config: { seedCatalog: true } });
    dir = mkdtempSync(join(tmpdir(), 'sy-cli-'));
  });
  afterAll(async () => {
    await cp?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('exports the live policy as YAML that reads back exactly', async () => {
    const r = await cli(['policy', 'export']);
    expect(r.code).toBe(0);
    const v = await live();
    expect(r.out).toMatch(new RegExp(`^# Switchyard routing policy — live version ${v.version} `));
    expect(parsePolicyYaml(r.out)).toEqual({ ok: true, content: v.snapshot.policy });

    const out = join(dir, 'exported.yaml');
    expect((await cli(['policy', 'export', '--out', out])).code).toBe(0);
    expect(readFileSync(out, 'utf8').trimEnd()).toBe(r.out);
    const same = await cli(['policy', 'diff', out]);
    expect([same.code, same.out]).toEqual([0, 'No changes.']);
    const noop = await cli(['policy', 'apply', out]);
    expect([noop.code, noop.out]).toEqual([0, `Nothing to apply: ${out} matches live version ${v.version}.`]);
  });

  it('diffs an edited file against live, then applies it as a new version', async () => {
    const before = await state();
    const exported = (await cli(['policy', 'export'])).out;
    const edited = file('edited.yaml', exported.replace(/(- name: standard[\s\S]*?targets:\n\s*- model: deepseek-ai\/DeepSeek-V4-Pro\n\s*weight: )100/, '$180\n      - model: openai/gpt-4o\n        weight: 20'));
    expect(readFileSync(edited, 'utf8')).not.toBe(exported);

    const diff = await cli(['policy', 'diff', edited]);
    expect(diff.code).toBe(0);
    expect(diff.out).toContain('~ buckets[standard].targets');
    expect(diff.out).toContain('weight: 20');
    expect(diff.out).toMatch(/1 change\.$/);
    expect(await state()).toEqual(before);

    const applied = await cli(['policy', 'apply', edited, '--message', 'standard: 20% to gpt-4o']);
    expect(applied.code).toBe(0);
    const v = await live();
    expect(applied.out).toContain(`Published version ${v.version}`);
    expect(v.message).toBe('standard: 20% to gpt-4o');
    expect(v.snapshot.policy.buckets.find((b: { name: string }) => b.name === 'standard').targets).toEqual([
      { model: 'deepseek-ai/DeepSeek-V4-Pro', weight: 80 },
      { model: 'openai/gpt-4o', weight: 20 },
    ]);
    // The draft it went through is gone; the version holds the content.
    expect(await state()).toEqual({ ...before, versions: before.versions + 1 });
  });

  it('refuses invalid YAML with line and reason, exit code 1, and changes nothing', async () => {
    const before = await state();
    const broken = file('broken.yaml', 'defaultBucket: standard\nbaselineModel: openai/gpt-4o\nbuckets:\n  - name: bulk\n    targets: [\n');
    for (const cmd of ['diff', 'apply']) {
      const r = await cli(['policy', cmd, broken]);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(new RegExp(`${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: YAML syntax: `));
    }
    const exported = (await cli(['policy', 'export'])).out;
    const wrong = file(
      'wrong.yaml',
      exported.replace('model: deepseek-ai/DeepSeek-V4-Flash\n        weight: 100', 'model: deepseek-ai/DeepSeek-V4-Flash\n        weight: 90').replace('ttlSeconds: 86400', 'ttlSeconds: 0').replace('defaultBucket: standard', 'defaultBucket: standard\nsurprise: 1'),
    );
    const lines = readFileSync(wrong, 'utf8').split('\n');
    const r = await cli(['policy', 'apply', wrong, '--rollout', '10%']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('is not a valid policy (nothing was changed)');
    const located = [...r.err.matchAll(/wrong\.yaml:(\d+):(\d+): ([^:]+): (.*)/g)].map((m) => ({ line: Number(m[1]), path: m[3], reason: m[4] }));
    expect(located.map((l) => l.path)).toEqual(['surprise']);
    expect(located[0]).toMatchObject({ line: lines.indexOf('surprise: 1') + 1, reason: 'unknown field "surprise"' });

    // Without the stray field, the catalog checks run and point at their lines too.
    writeFileSync(wrong, lines.filter((l) => l !== 'surprise: 1').join('\n'));
    const r2 = await cli(['policy', 'apply', wrong]);
    expect(r2.code).toBe(1);
    const fixedLines = readFileSync(wrong, 'utf8').split('\n');
    const found = Object.fromEntries([...r2.err.matchAll(/wrong\.yaml:(\d+):\d+: ([^:]+): (.*)/g)].map((m) => [m[2], { line: fixedLines[Number(m[1]) - 1], reason: m[3] }]));
    expect(found['buckets.0.targets'].reason).toMatch(/weights sum to 90/);
    expect(found['buckets.0.targets'].line).toMatch(/- model: deepseek-ai\/DeepSeek-V4-Flash/);
    expect(found['buckets.0.cache.ttlSeconds']).toEqual({ line: expect.stringMatching(/ttlSeconds: 0$/), reason: '0 is out of range; allowed 1 to 2592000' });
    expect(await state()).toEqual(before);
  });

  it('applies as a staged rollout with --rollout, and drives it with the rollout commands', async () => {
    const before = await state();
    const exported = (await cli(['policy', 'export'])).out;
    const edited = file('canary.yaml', exported.replace('Everyday product features.', 'Everyday product features (canary).'));
    const r = await cli(['policy', 'apply', edited, '--rollout', '25%', '--max-error-rate-delta', '0.02', '--min-requests', '30']);
    expect(r.code).toBe(0);
    const [rollout] = ((await cp.request('GET', '/rollouts')).body as Rollout[]).filter((x) => x.state === 'active');
    expect(rollout).toMatchObject({ canaryPercent: 25, autoAbort: true, thresholds: { maxErrorRateDelta: 0.02, minRequests: 30, maxP95LatencyRatio: 1.5 } });
    expect(r.out).toContain(`Started rollout ${rollout.id}: version ${rollout.version} on 25% of proxies; the rest stay on version ${rollout.baselineVersion}.`);
    expect(await state()).toEqual({ versions: before.versions + 1, drafts: before.drafts, rollouts: before.rollouts + 1 });

    const status = await cli(['rollout', 'status', rollout.id]);
    expect(status.code).toBe(0);
    expect(status.out).toContain('verdict: waiting for 30 requests in each cohort');
    expect((await cli(['rollout', 'list'])).out).toContain(`${rollout.id}  active`);
    const promoted = await cli(['rollout', 'promote', rollout.id]);
    expect([promoted.code, promoted.out]).toEqual([0, `Promoted: every proxy now runs version ${rollout.version}.`]);
    const again = await cli(['rollout', 'abort', rollout.id]);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/promoted; only an active rollout can be aborted/);
  });

  it('needs a token, refuses non-admins without changing anything, and explains usage errors', async () => {
    const before = await state();
    const exported = file('viewer.yaml', (await cli(['policy', 'export'])).out.replace('Everyday product features', 'Viewer edit'));
    const noToken = await cli(['policy', 'export'], { token: null });
    expect(noToken.code).toBe(2);
    expect(noToken.err).toMatch(/No API token/);
    const viewer = await cp.createUser('viewer');
    expect((await cli(['policy', 'export'], { token: viewer.token })).code).toBe(0);
    const refused = await cli(['policy', 'apply', exported], { token: viewer.token });
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/Your role \(viewer\) may not do this/);
    expect(await state()).toEqual(before);
    expect((await cli(['policy', 'apply'])).code).toBe(2);
    expect((await cli(['policy', 'apply', exported, '--rollout', '150%'])).err).toMatch(/between 0% and 100%/);
    expect((await cli(['frobnicate'])).code).toBe(2);
    expect((await cli(['help'])).code).toBe(0);
  });
});
