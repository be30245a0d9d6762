import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../../..');

/**
 * A boot file that runs an app's TypeScript entry in a child process the way Jest
 * runs it (compiled on load with @swc/core, decorators and their metadata on,
 * `@switchyard/*` mapped to libs sources) — a real process to kill, with its own
 * stdout/stderr, and no dependency on a fresh `dist/`.
 */
function bootScript(entry: string): string {
  return `
const Module = require('module');
const path = require('path');
const fs = require('fs');
const swc = require(${JSON.stringify(require.resolve('@swc/core'))});
const root = ${JSON.stringify(ROOT)};
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  const m = /^@switchyard\\/([a-z-]+)$/.exec(request);
  if (m) request = path.join(root, m[1] === 'migrations' ? 'migrations/src' : 'libs/' + m[1] + '/src');
  return resolveFilename.call(this, request, parent, ...rest);
};
require.extensions['.ts'] = (module, filename) => {
  const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    sourceMaps: 'inline',
    jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
require(path.join(root, ${JSON.stringify(entry)}));
`;
}

export interface TsChild {
  process: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves with the first match of `pattern` in the output (rejects if the process exits first). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** Resolves with the exit code (or signal) once the process has exited. */
  exited: Promise<number | string | null>;
  kill(signal?: NodeJS.Signals): Promise<number | string | null>;
}

/** Starts `entry` (a path from the repository root, e.g. apps/proxy/src/main.ts) with exactly `env` (plus PATH). */
export function spawnTs(entry: string, env: Record<string, string>): TsChild {
  const dir = mkdtempSync(join(tmpdir(), 'sy-child-'));
  const boot = join(dir, 'boot.cjs');
  writeFileSync(boot, bootScript(entry));
  const child = spawn(process.execPath, [boot], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const listeners = new Set<() => void>();
  const onData = (c: Buffer) => {
    out += c.toString();
    for (const l of listeners) l();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  let exitCode: number | string | null | undefined;
  const exited = new Promise<number | string | null>((res) =>
    child.once('exit', (code, signal) => {
      exitCode = code ?? signal;
      res(exitCode);
      for (const l of listeners) l();
    }),
  );
  return {
    process: child,
    output: () => out,
    exited,
    waitFor(pattern, timeoutMs = 120_000) {
      return new Promise((res, rej) => {
        const timer = setTimeout(() => done(new Error(`timed out waiting for ${pattern} in the output of ${entry}:\n${out.slice(-2000)}`)), timeoutMs);
        const check = () => {
          const m = pattern.exec(out);
          if (m) return done(null, m);
          if (exitCode !== undefined) done(new Error(`${entry} exited (${exitCode}) before ${pattern}:\n${out.slice(-2000)}`));
        };
        const done = (err: Error | null, m?: RegExpExecArray) => {
          clearTimeout(timer);
          listeners.delete(check);
          if (err) rej(err);
          else res(m!);
        };
        listeners.add(check);
        check();
      });
    },
    async kill(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
