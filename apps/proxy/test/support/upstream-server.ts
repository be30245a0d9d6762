import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';

export interface UpstreamServer {
  server: Server;
  /** An undici pool to the server, as the proxy keeps one per upstream origin. */
  pool: Pool;
  close(): Promise<void>;
}

/** A scripted upstream on a free loopback port, for tests of the proxy's upstream handlers. */
export async function startUpstreamServer(handler: RequestListener, connections: number): Promise<UpstreamServer> {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const pool = new Pool(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, { connections });
  return {
    server,
    pool,
    async close() {
      await pool.destroy();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}
