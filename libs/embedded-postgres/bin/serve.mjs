#!/usr/bin/env node
// Serves an in-memory (or file-backed, with a folder argument) PGlite on a loopback port in
// its own process and prints {"port": N} once ready. Tests use it because PGlite's
// WebAssembly loader needs dynamic import(), which Jest's module sandbox does not allow.
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const dataDir = process.argv[2];
const db = dataDir ? await PGlite.create(dataDir) : await PGlite.create();
const server = new PGLiteSocketServer({ db, port: 0, host: '127.0.0.1', maxConnections: 1 });
await server.start();
const address = server['server']?.address?.();
const port = typeof address === 'object' && address ? address.port : Number(server.getServerConn().split(':').pop());
process.stdout.write(JSON.stringify({ port }) + '\n');
const stop = async () => {
  await server.stop();
  await db.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
// The parent holds our stdin: when it exits, for whatever reason, so do we.
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.resume();
