import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..', '..');

/** One app of the soak in its own process, started from its built dist (so its RSS is its own). */
export interface AppProcess {
  name: string;
  url: string;
  child: ChildProcess;
  output(): string;
  /** Resident set size in bytes, from /proc (Linux) — null once the process is gone. */
  rss(): number | null;
  /** SIGTERM (the apps drain and flush), then waits for the exit. */
  stop(timeoutMs?: number): Promise<number | string | null>;
}

/** Starts `node <entry>` with exactly `env` (give it PATH), resolves once a line of its output matches `ready` (group 1 = its URL). */
export function startApp(name: string, entry: string, env: Record<string, string>, ready: RegExp, timeoutMs = 180_000): Promise<AppProcess> {
  const child = spawn(process.execPath, [join(ROOT, entry)], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const exited = new Promise<number | string | null>((res) => child.once('exit', (code, signal) => res(code ?? signal)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start within ${timeoutMs / 1000} s:\n${out.slice(-3000)}`)), timeoutMs);
    const onData = (c: Buffer) => {
      out += c.toString();
      // Keep only the tail: a five-minute run must not hold every log line.
      if (out.length > 200_000) out = out.slice(-100_000);
      const m = ready.exec(out);
      if (m && timer) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        child.stdout!.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-100_000)));
        resolve({
          name,
          url: m[1],
          child,
          output: () => out,
          rss: () => rssOf(child.pid),
          async stop(stopMs = 60_000) {
            if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
            const t = setTimeout(() => child.kill('SIGKILL'), stopMs);
            const code = await exited;
            clearTimeout(t);
            return code;
          },
        });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => (out = (out + c.toString()).slice(-100_000)));
    void exited.then((code) => reject(new Error(`${name} exited (${code}) before it was ready:\n${out.slice(-3000)}`)));
  });
}

function rssOf(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

export function mb(bytes: number | null): string {
  return bytes === null ? 'n/a' : `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}
