#!/usr/bin/env node
// `npm start`: builds what is missing, then runs the whole system on this machine —
// simulated provider (:8090), control plane + dashboard (:3000), one proxy (:8080).
// Embedded defaults (PGlite in ./.switchyard, in-process queue) unless DATABASE_URL /
// REDIS_URL are set. Ctrl-C stops everything.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
process.chdir(root);
const env = process.env;
const dataDir = env.DATA_DIR || '.switchyard';
mkdirSync(dataDir, { recursive: true });

function run(label, cmd, args) {
  process.stdout.write(`[start] ${label}…\n`);
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`[start] ${label} failed (exit ${r.status}).`);
    process.exit(r.status ?? 1);
  }
}

if (env.SWITCHYARD_SKIP_BUILD !== '1') {
  run('building services (tsc -b)', process.execPath, ['node_modules/typescript/bin/tsc', '-b']);
  if (!existsSync('apps/dashboard/dist/index.html')) run('building the dashboard', 'npm', ['run', '--silent', 'build:dashboard']);
}

// One proxy token shared by the control plane and the local proxy, kept across restarts.
const tokenFile = join(dataDir, 'proxy-token');
if (!env.PROXY_TOKEN && !existsSync(tokenFile)) writeFileSync(tokenFile, randomBytes(24).toString('base64url'), { mode: 0o600 });
const proxyToken = env.PROXY_TOKEN || readFileSync(tokenFile, 'utf8').trim();

const simPort = env.SIM_PORT || '8090';
const cpPort = env.PORT || '3000';
const proxyPort = env.PROXY_PORT || '8080';
const children = [];

function start(name, colour, script, extraEnv) {
  const child = spawn(process.execPath, ['--enable-source-maps', script], {
    env: { ...env, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = `\x1b[${colour}m[${name}]\x1b[0m `;
  for (const stream of [child.stdout, child.stderr]) {
    let buf = '';
    stream.on('data', (d) => {
      buf += d.toString();
      const lines = buf.split('\n');
      buf = lines.pop();
      for (const line of lines) process.stdout.write(prefix + line + '\n');
    });
  }
  child.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`${prefix}exited (${signal ?? code}); stopping everything.`);
    stopAll(1);
  });
  children.push(child);
  return child;
}

function waitFor(url, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const tick = async () => {
      try {
        const r = await fetch(url);
        if (r.status < 500) return resolve();
      } catch {
        /* not up yet */
      }
      if (Date.now() > deadline) return reject(new Error(`${url} did not come up within ${timeoutMs / 1000} s`));
      setTimeout(tick, 250);
    };
    tick();
  });
}

let stopping = false;
function stopAll(code) {
  stopping = true;
  for (const c of children) c.kill('SIGTERM');
  setTimeout(() => process.exit(code), 3_000).unref();
  Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r() : c.once('exit', r))))).then(() => process.exit(code));
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

start('sim', '35', 'apps/provider-sim/dist/main.js', { SIM_PORT: simPort });
await waitFor(`http://127.0.0.1:${simPort}/v1/models`);
start('control-plane', '36', 'apps/control-plane/dist/main.js', {
  PORT: cpPort,
  PROXY_TOKEN: proxyToken,
  DATA_DIR: dataDir,
  SEED_PROVIDER_BASE_URL: env.SEED_PROVIDER_BASE_URL || `http://127.0.0.1:${simPort}/v1`,
});
await waitFor(`http://127.0.0.1:${cpPort}/api/v1/health`);
start('proxy', '33', 'apps/proxy/dist/main.js', {
  PROXY_PORT: proxyPort,
  PROXY_TOKEN: proxyToken,
  CONTROL_PLANE_URL: `http://127.0.0.1:${cpPort}`,
  PROXY_ID: env.PROXY_ID || 'local-proxy',
  PROXY_DATA_DIR: join(dataDir, 'proxy-local'),
});
await waitFor(`http://127.0.0.1:${proxyPort}/healthz`);
console.log(`
  Switchyard is running.
    Dashboard + API   http://127.0.0.1:${cpPort}/        (API docs: http://127.0.0.1:${cpPort}/api/docs)
    Proxy (OpenAI)    http://127.0.0.1:${proxyPort}/v1   (use as baseURL in any OpenAI SDK)
    Simulated LLMs    http://127.0.0.1:${simPort}/v1
  The first start printed the admin login and a demo API key above. Ctrl-C stops everything.
`);
