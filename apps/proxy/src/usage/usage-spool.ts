import { appendFile, mkdir, open, readFile, stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../logger';

export type SendResult = 'sent' | 'retry-later';

/**
 * The local, append-only usage spool: one JSON event per line (events travel as their
 * serialised JSON from the moment they are recorded) in
 * `usage-spool.jsonl`, plus `usage-spool.offset`, the byte offset of the first line
 * not yet accepted by the control plane. Replay sends lines in file order and moves
 * the offset after each accepted batch; a crash between the two resends one batch,
 * which the control plane counts once (event ids are idempotency keys). When
 * everything is sent the file is emptied. All file operations run one at a time.
 */
export class UsageSpool {
  private queue: Promise<unknown> = Promise.resolve();
  private _pending = 0;
  readonly file: string;
  private readonly offsetFile: string;

  constructor(
    dataDir: string,
    private readonly log: Logger,
  ) {
    this.file = join(dataDir, 'usage-spool.jsonl');
    this.offsetFile = join(dataDir, 'usage-spool.offset');
  }

  /** Events waiting in the spool. */
  get pending(): number {
    return this._pending;
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Counts what a previous run left behind. */
  init(): Promise<void> {
    return this.serial(async () => {
      await mkdir(join(this.file, '..'), { recursive: true });
      const offset = await this.readOffset();
      const text = await readFile(this.file, 'utf8').catch(() => '');
      this._pending = countLines(text.slice(offset));
      if (this._pending > 0) this.log.info('usage spool has events from an earlier run', { events: this._pending });
    });
  }

  /** Appends events, each already serialised as one line of JSON. */
  append(events: readonly string[]): Promise<void> {
    if (events.length === 0) return Promise.resolve();
    let text = '';
    for (const e of events) text += `${e}\n`;
    return this.serial(async () => {
      await appendFile(this.file, text);
      this._pending += events.length;
    });
  }

  /**
   * Sends spooled events in order, `batchSize` at a time, until the spool is empty or
   * a send fails. Returns true when the spool is empty.
   */
  replay(send: (events: string[]) => Promise<SendResult>, batchSize: number): Promise<boolean> {
    return this.serial(async () => {
      if (this._pending === 0) return true;
      let offset = await this.readOffset();
      const fh = await open(this.file, 'r').catch(() => null);
      if (!fh) {
        this._pending = 0;
        return true;
      }
      try {
        const size = (await fh.stat()).size;
        const tail = size > offset ? Buffer.alloc(size - offset) : Buffer.alloc(0);
        if (tail.length > 0) await fh.read(tail, 0, tail.length, offset);
        let pos = 0;
        while (pos < tail.length) {
          const batch: string[] = [];
          let end = pos;
          while (end < tail.length && batch.length < batchSize) {
            const nl = tail.indexOf(0x0a, end);
            if (nl < 0) break; // a line still being written by a crashed run: leave it
            const line = tail.toString('utf8', end, nl);
            end = nl + 1;
            try {
              JSON.parse(line);
              batch.push(line);
            } catch {
              this.log.warn('skipping an unreadable usage spool line', { offset: offset + end });
            }
          }
          if (end === pos) break;
          if (batch.length > 0 && (await send(batch)) !== 'sent') return false;
          offset += end - pos;
          this._pending = Math.max(0, this._pending - batch.length);
          pos = end;
          await writeFile(this.offsetFile, String(offset));
        }
      } finally {
        await fh.close();
      }
      const size = (await stat(this.file)).size;
      if (offset >= size) {
        await truncate(this.file, 0);
        await writeFile(this.offsetFile, '0');
        this._pending = 0;
        return true;
      }
      return this._pending === 0;
    });
  }

  private async readOffset(): Promise<number> {
    const raw = await readFile(this.offsetFile, 'utf8').catch(() => '0');
    const n = Number(raw.trim());
    return Number.isSafeInteger(n) && n >= 0 ? n : 0;
  }
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
