import { request, type IncomingMessage } from 'node:http';

export interface SseEvent {
  event: string;
  data: string;
  /** performance.now() when the frame's last byte arrived. */
  at: number;
}

/**
 * A minimal SSE client over node:http (no buffering layer in between), recording every
 * event and comment, so tests can wait for "the next policy event with version 3".
 */
export class SseSubscriber {
  readonly events: SseEvent[] = [];
  readonly comments: string[] = [];
  private buffer = '';
  private waiters: Array<() => void> = [];
  private ended = false;

  private constructor(
    readonly status: number,
    readonly headers: IncomingMessage['headers'],
    private readonly res: IncomingMessage,
  ) {
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => this.push(chunk));
    const end = () => {
      this.ended = true;
      this.wake();
    };
    res.on('end', end);
    res.on('close', end);
    res.on('error', end);
  }

  /** Opens the stream; resolves once the response headers arrived. */
  static open(url: string, token: string | null): Promise<SseSubscriber> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string> = { accept: 'text/event-stream' };
      if (token) headers.authorization = `Bearer ${token}`;
      const req = request(url, { headers, agent: false }, (res) => resolve(new SseSubscriber(res.statusCode ?? 0, res.headers, res)));
      req.on('error', reject);
      req.end();
    });
  }

  get closed(): boolean {
    return this.ended;
  }

  /** Waits for the first recorded event (from index `from`) that matches. */
  async next(match: (e: SseEvent) => boolean, timeoutMs = 10_000, from = 0): Promise<SseEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.slice(from).find(match);
      if (found) return found;
      if (this.ended) throw new Error(`stream ended before a matching event (got: ${this.events.map((e) => e.event).join(', ')})`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching event within ${timeoutMs} ms (got: ${this.events.map((e) => e.event).join(', ')})`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** The next `event: policy` whose snapshot has this version. */
  policyVersion(version: number, timeoutMs?: number): Promise<SseEvent> {
    return this.next((e) => e.event === 'policy' && (JSON.parse(e.data) as { version: number }).version === version, timeoutMs);
  }

  close(): void {
    this.res.destroy();
  }

  private push(chunk: string) {
    this.buffer += chunk;
    let idx: number;
    while ((idx = this.buffer.search(/\r?\n\r?\n/)) >= 0) {
      const frame = this.buffer.slice(0, idx);
      this.buffer = this.buffer.slice(idx).replace(/^\r?\n\r?\n/, '');
      let event = 'message';
      const data: string[] = [];
      for (const line of frame.split(/\r?\n/)) {
        if (line.startsWith(':')) this.comments.push(line.slice(1).trim());
        else if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      if (data.length > 0) this.events.push({ event, data: data.join('\n'), at: performance.now() });
    }
    this.wake();
  }

  private wake() {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }
}
