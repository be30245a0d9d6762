import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedPostgres {
  /** A postgres:// URL for the ordinary `pg` driver. Use a pool of ONE connection. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Postgres in WebAssembly (PGlite) served on a loopback TCP port, so the control plane
 * reaches it with the same `pg` driver, TypeORM driver and migrations as a real server.
 * PGlite runs one query at a time: clients must use a single connection.
 * `dataDir` null keeps the database in memory (tests).
 */
export async function startEmbeddedPostgres(options: { dataDir: string | null; port?: number }): Promise<EmbeddedPostgres> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const db = options.dataDir ? await PGlite.create(options.dataDir) : await PGlite.create();
  const port = options.port ?? (await freePort());
  const server = new PGLiteSocketServer({ db, port, host: '127.0.0.1', maxConnections: 1 });
  await server.start();
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
    port,
    async close() {
      await server.stop();
      await db.close();
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * The same server in a child process (for Jest, whose sandbox cannot load PGlite's
 * WebAssembly). The child exits when this process does.
 */
export function spawnEmbeddedPostgres(dataDir: string | null = null): Promise<EmbeddedPostgres> {
  const script = join(__dirname, '..', 'bin', 'serve.mjs');
  const child = spawn(process.execPath, [script, ...(dataDir ? [dataDir] : [])], { stdio: ['pipe', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const nl = out.indexOf('\n');
      if (nl < 0) return;
      child.stdout.off('data', onData);
      const { port } = JSON.parse(out.slice(0, nl)) as { port: number };
      resolve({
        url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
        port,
        close: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    };
    child.stdout.on('data', onData);
    // Never keep the parent alive: if it exits without close(), stdin closes and the child stops.
    child.unref();
    (child.stdin as unknown as { unref?: () => void }).unref?.();
    (child.stdout as unknown as { unref?: () => void }).unref?.();
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`embedded Postgres exited early (code ${code})`)));
  });
}
