import { readFileSync } from 'node:fs';
import type { PolicyVersionDetail } from '@switchyard/contracts';
import type { Browser, Page } from 'playwright-core';
import { startControlPlane, type ControlPlaneHarness } from '../control-plane/test/support/control-plane.harness';
import { launchChromium, screenshot } from './support/chromium';
import { ensureDashboardBuilt } from './support/dashboard-build';
import { countOf, eventually, textOf } from './support/eventually';
import { ensureCatalogAndPolicy, seedUsage, waitForSpend } from './support/seed';

// The whole journey against a real control plane (embedded database unless DATABASE_URL
// is set) serving the built dashboard, driven in Debian's Chromium.
jest.setTimeout(180_000);

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

let cp: ControlPlaneHarness;
let browser: Browser;
let finance: { email: string; password: string };
const pageErrors: string[] = [];

beforeAll(async () => {
  ensureDashboardBuilt();
  cp = await startControlPlane();
  await ensureCatalogAndPolicy(cp);
  const sent = await seedUsage(cp, 30);
  await waitForSpend(cp, day(-29), day(0), sent);
  finance = await cp.createUser('finance');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await cp?.close();
});

afterEach(() => {
  // Any uncaught error in the page fails the test that caused it.
  const errors = pageErrors.splice(0);
  expect(errors).toEqual([]);
});

async function signIn(email: string, password: string, shotName?: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(`${e.name}: ${e.message}`));
  await page.goto(`${cp.url}/`);
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  if (shotName) await screenshot(page, shotName);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
  return page;
}

async function live(): Promise<PolicyVersionDetail> {
  const r = await cp.request<PolicyVersionDetail>('GET', '/policies/live');
  expect(r.status).toBe(200);
  return r.body;
}

describe('dashboard, as an admin', () => {
  let page: Page;
  let publishedVersion: number;

  beforeAll(async () => {
    page = await signIn(cp.adminEmail, cp.adminPassword, '01-login');
  });

  it('opens on Spend with the seeded month charted and totalled', async () => {
    await page.waitForURL(/\/spend/);
    const chart = page.getByRole('region', { name: 'Daily spend' });
    // One stacked area per bucket of the seeded traffic.
    await countOf(chart.locator('.stack-area'), 3);
    for (const bucket of ['bulk', 'standard', 'critical']) await chart.getByRole('list', { name: 'Legend' }).getByText(bucket).waitFor();
    await page.getByText('Spend, 30 days').waitFor();
    await page.getByText('Saved by routing').waitFor();
    await page.getByRole('region', { name: 'Top models' }).getByText('deepseek-ai/DeepSeek-V4-Flash').waitFor();
    await screenshot(page, '02-spend');

    await page.getByRole('radio', { name: 'Model' }).click();
    await page.waitForURL(/groupBy=model/);
    await chart.getByRole('list', { name: 'Legend' }).getByText('openai/gpt-4o').waitFor();

    // The export carries the view's query and the token (a plain link could not).
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^switchyard-spend-model-.+\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv).toContain('openai/gpt-4o');
    expect(csv).toContain('deepseek-ai/DeepSeek-V4-Flash');
  });

  it('moves a slider in a draft and the projected monthly cost follows', async () => {
    await page.getByRole('link', { name: 'Routing' }).click();
    await page.getByRole('button', { name: 'New draft from live' }).click();
    await page.waitForURL(/draft=/);
    await page.getByRole('tab', { name: 'bulk' }).click();

    await page.getByRole('combobox', { name: 'Add a target to bulk' }).selectOption('openai/gpt-4o');
    await page.getByRole('button', { name: 'Add target' }).click();
    const projected = page.getByTestId('projected-monthly');
    await projected.waitFor();
    await countOf(page.getByText('Updating…'), 0);
    const before = await projected.innerText();

    // Keyboard only: the slider is a native range input.
    const slider = page.getByRole('slider', { name: 'Traffic share for openai/gpt-4o' });
    await slider.focus();
    for (let i = 0; i < 30; i++) await page.keyboard.press('ArrowRight');
    await eventually(() => slider.inputValue(), (v) => expect(v).toBe('30'));
    expect(await page.getByRole('slider', { name: 'Traffic share for deepseek-ai/DeepSeek-V4-Flash' }).inputValue()).toBe('70');

    // gpt-4o costs ten times Flash: moving bulk traffic onto it must raise the projection.
    await textOf(projected, (t) => expect(t).not.toBe(before), 15_000);
    await textOf(page.getByTestId('delta-monthly'), (t) => expect(t).toMatch(/^\+\$/));
    await screenshot(page, '03-routing-draft');
  });

  it('publishes the draft after a diff against live, and the new version tops the history', async () => {
    const previous = (await live()).version;
    await page.getByRole('button', { name: 'Review & publish' }).click();
    const changes = page.getByRole('table', { name: 'Changes' });
    await changes.getByText('buckets[bulk].targets').first().waitFor();
    await page.getByLabel('Message').fill('Send 30% of bulk to gpt-4o for a quality check');
    await page.getByRole('button', { name: 'Publish version' }).click();

    await page.getByText(/^Published version \d+/).waitFor();
    publishedVersion = (await live()).version;
    expect(publishedVersion).toBe(previous + 1);
    const bulk = (await live()).snapshot.policy.buckets.find((b) => b.name === 'bulk');
    expect(bulk?.targets).toEqual([
      { model: 'deepseek-ai/DeepSeek-V4-Flash', weight: 70 },
      { model: 'openai/gpt-4o', weight: 30 },
    ]);
    const firstRow = page.getByRole('table', { name: 'Policy versions' }).getByRole('row').nth(1);
    await textOf(firstRow, (t) => expect(t).toContain(`v${publishedVersion}`));
    await textOf(firstRow, (t) => expect(t).toContain('live'));
    await textOf(firstRow, (t) => expect(t).toContain('Send 30% of bulk to gpt-4o'));
    await screenshot(page, '04-routing-published');
  });

  it('rolls back to the previous version with one click', async () => {
    const target = publishedVersion - 1;
    const before = await cp.request<PolicyVersionDetail>('GET', `/policies/versions/${target}`);
    await page.getByRole('button', { name: `Roll back to v${target}` }).click();
    await page.getByText(`Rolled back: version ${publishedVersion + 1} is live with the content of version ${target}.`).waitFor();
    const now = await live();
    expect(now.version).toBe(publishedVersion + 1);
    expect(now.rolledBackFrom).toBe(target);
    expect(now.snapshot.policy).toEqual(before.body.snapshot.policy);
    await textOf(page.getByRole('table', { name: 'Policy versions' }).getByRole('row').nth(1), (t) => expect(t).toContain(`v${publishedVersion + 1}`));
    await screenshot(page, '05-routing-rolled-back');
  });

  it('shows the catalog, and a price change becomes a new effective-dated price', async () => {
    await page.getByRole('link', { name: 'Catalog' }).click();
    const models = page.getByRole('table', { name: 'Models' });
    await models.getByText('openai/gpt-4o').waitFor();
    await models.getByRole('row', { name: /zai-org\/GLM-4-Plus/ }).getByRole('button', { name: /History/ }).click();
    await page.getByRole('table', { name: 'Price history of zai-org/GLM-4-Plus' }).waitFor();

    // A new price is a new effective-dated row; the old one stays in the history.
    await models.getByRole('row', { name: /Qwen\/Qwen3-32B/ }).getByRole('button', { name: 'Edit price' }).click();
    const priceForm = page.getByRole('form', { name: 'New price for Qwen/Qwen3-32B' });
    await priceForm.getByLabel('Input $ / M', { exact: true }).fill('0.35');
    await priceForm.getByRole('button', { name: 'Save new price' }).click();
    await countOf(priceForm, 0);
    await textOf(models.getByRole('row', { name: /Qwen\/Qwen3-32B/ }), (t) => expect(t).toContain('$0.35'));
    const qwen = (await cp.request<Array<{ id: string; priceHistory: unknown[] }>>('GET', '/models')).body.find((m) => m.id === 'Qwen/Qwen3-32B');
    expect(qwen?.priceHistory).toHaveLength(2);
    await screenshot(page, '06-catalog');
  });

  it('shows the fleet with a rejecting proxy standing out', async () => {
    const latest = (await live()).version;
    const beat = (body: object) => cp.request('POST', '/proxy/heartbeat', body, cp.proxyToken);
    expect((await beat({ proxyId: 'proxy-eu-1', name: 'proxy eu-1', labels: { region: 'eu' }, appliedVersion: latest, rejected: null, spooledEvents: 0 })).status).toBeLessThan(300);
    expect((await beat({ proxyId: 'proxy-us-1', name: 'proxy us-1', labels: { region: 'us' }, appliedVersion: latest - 1, rejected: { version: latest, reason: 'model openai/gpt-4o has no route on this host' }, spooledEvents: 42 })).status).toBeLessThan(300);
    await page.getByRole('link', { name: 'Fleet' }).click();
    const table = page.getByRole('table', { name: 'Proxies' });
    await table.getByText('proxy eu-1').waitFor();
    expect(await table.getByRole('row', { name: /proxy us-1/ }).getAttribute('class')).toMatch(/row-danger/);
    expect(await table.getByRole('row', { name: /proxy us-1/ }).innerText()).toContain(`rejected v${latest}`);
    await screenshot(page, '07-fleet');
  });

  it('charts performance by bucket', async () => {
    await page.getByRole('link', { name: 'Performance' }).click();
    await countOf(page.getByRole('region', { name: 'Latency p95' }).locator('.recharts-line-curve'), 3);
    await screenshot(page, '08-performance');
  });

  it('creates an API key shown once (with a copy button) and sets a team budget', async () => {
    await page.getByRole('link', { name: 'Keys & teams' }).click();
    await page.getByRole('button', { name: 'Create key' }).click();
    const form = page.getByRole('form', { name: 'Create API key' });
    await form.getByLabel('Name', { exact: true }).fill('support-bot');
    await form.getByLabel('Team', { exact: true }).fill('support');
    await form.getByRole('combobox', { name: 'Default bucket' }).selectOption('standard');
    await form.getByRole('button', { name: 'Create key' }).click();
    const key = page.getByLabel('New API key');
    await textOf(key, (t) => expect(t.trim()).toMatch(/^sk-sy-[0-9A-Za-z]{40}$/));
    await page.getByRole('button', { name: 'Copy' }).waitFor();
    await page.getByRole('table', { name: 'API keys' }).getByText('support-bot').waitFor();

    await page.getByRole('button', { name: 'Set budget' }).click();
    const budget = page.getByRole('form', { name: 'Set budget' });
    await budget.getByLabel('Team', { exact: true }).fill('support');
    await budget.getByLabel('Monthly budget (USD)').fill('50');
    await budget.getByRole('button', { name: 'Save budget' }).click();
    await textOf(page.getByRole('table', { name: 'Budgets' }).getByRole('row', { name: /support/ }), (t) => expect(t).toContain('$50.00'));
    await screenshot(page, '09-keys');
  });
});

describe('dashboard, as finance', () => {
  let page: Page;

  beforeAll(async () => {
    page = await signIn(finance.email, finance.password);
  });

  it('reads spend but finds no edit controls anywhere', async () => {
    await page.waitForURL(/\/spend/);
    await countOf(page.getByRole('region', { name: 'Daily spend' }).locator('.stack-area'), 3);

    await page.getByRole('link', { name: 'Routing' }).click();
    await page.getByRole('table', { name: 'Policy versions' }).waitFor();
    await page.getByRole('list', { name: 'Traffic split of bulk' }).waitFor();
    await countOf(page.getByRole('button', { name: 'New draft from live' }), 0);
    await countOf(page.getByRole('button', { name: /^Roll back/ }), 0);
    await countOf(page.getByRole('slider'), 0);
    await screenshot(page, '10-finance-routing');

    // A draft link opens nothing editable either.
    await page.goto(`${cp.url}/routing?draft=anything`);
    await page.getByRole('table', { name: 'Policy versions' }).waitFor();
    await countOf(page.getByRole('slider'), 0);

    await page.getByRole('link', { name: 'Catalog' }).click();
    await page.getByRole('table', { name: 'Models' }).getByText('openai/gpt-4o').waitFor();
    for (const name of ['Add model', 'Add provider', 'Edit price', 'Disable']) await countOf(page.getByRole('button', { name }), 0);

    await page.getByRole('link', { name: 'Keys & teams' }).click();
    // Wait for the data, so the checks below look at a loaded page (the admin set this budget above).
    await page.getByRole('table', { name: 'Budgets' }).getByRole('row', { name: /support/ }).waitFor();
    await countOf(page.getByRole('heading', { name: 'API keys' }), 0);
    for (const name of ['Create key', 'Set budget', 'Remove', 'Revoke']) await countOf(page.getByRole('button', { name }), 0);
    await screenshot(page, '11-finance-keys');
  });
});
