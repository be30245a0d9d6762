import { request, type ClientRequest } from 'node:http';

/**
 * One proxy-like SSE subscriber that notes, for each `event: policy`, the moment its
 * last byte arrived (performance.now()) under the snapshot's version.
 */
export class PolicyListener {
  readonly arrivals = new Map<number, number>();
  private buffer = '';
  private req: ClientRequest | null = null;
  private waiters: Array<() => void> = [];

  open(url: string, token: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.req = request(url, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' }, agent: false }, (res) => {
        if (res.statusCode !== 200) return reject(new Error(`stream answered ${res.statusCode}`));
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => this.push(chunk, performance.now()));
        resolve();
      });
      this.req.on('error', reject);
      this.req.end();
    });
  }

  /** Resolves once this version arrived (rejects after timeoutMs). */
  async waitFor(version: number, timeoutMs = 10_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (!this.arrivals.has(version)) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`version ${version} did not arrive within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    return this.arrivals.get(version)!;
  }

  close(): void {
    this.req?.destroy();
  }

  private push(chunk: string, at: number) {
    this.buffer += chunk;
    let idx: number;
    while ((idx = this.buffer.indexOf('\n\n')) >= 0) {
      const frame = this.buffer.slice(0, idx);
      this.buffer = this.buffer.slice(idx + 2);
      if (!frame.startsWith('event: policy\n')) continue;
      const data = frame.slice(frame.indexOf('data: ') + 6);
      this.arrivals.set((JSON.parse(data) as { version: number }).version, at);
    }
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }
}
