import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/** The repository root (this file compiles to bench/propagation/dist/). */
export const ROOT = join(__dirname, '..', '..', '..');

export interface ReplicaProcess {
  name: string;
  /** http://127.0.0.1:port (no API prefix). */
  url: string;
  /** Crashes it: SIGKILL, no shutdown hooks, sockets reset. */
  kill(): Promise<void>;
  /** Graceful stop: SIGTERM. */
  stop(): Promise<void>;
}

/**
 * One control-plane replica as its own process (`node apps/control-plane/dist/main.js`),
 * as deployed — so killing it is a real crash, and the two replicas and the proxies
 * spread over the machine's cores instead of sharing one event loop.
 */
export function startReplicaProcess(name: string, env: Record<string, string>, timeoutMs = 60_000): Promise<ReplicaProcess> {
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'apps/control-plane/dist/main.js')], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.once('exit', () => child.kill('SIGKILL'));
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`control plane ${name} did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /Control plane: API (http:\/\/[^\s/]+)\/api\/v1/.exec(output);
      if (!m) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      resolve({
        name,
        url: m[1],
        async kill() {
          child.kill('SIGKILL');
          await exited;
        },
        async stop() {
          child.kill('SIGTERM');
          await exited;
        },
      });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`control plane ${name} exited (${code}) before it was ready:\n${output}`));
    });
  });
}
