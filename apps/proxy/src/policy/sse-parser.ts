import { StringDecoder } from 'node:string_decoder';

export interface SseMessage {
  event: string;
  data: string;
}

/**
 * Incremental parser for a text/event-stream (the control plane's policy stream):
 * feed it chunks, it calls back once per complete event. Comments (`: ping`) are
 * reported as activity only. Follows the WHATWG field rules (data lines joined by
 * "\n", default event name "message").
 */
export class SseParser {
  private readonly decoder = new StringDecoder('utf8');
  private buffer = '';
  private event = '';
  private data: string[] = [];

  constructor(
    private readonly onMessage: (m: SseMessage) => void,
    private readonly onActivity: () => void = () => undefined,
  ) {}

  push(chunk: Buffer): void {
    this.onActivity();
    this.buffer += this.decoder.write(chunk);
    let nl: number;
    while ((nl = this.buffer.search(/\r\n|\r|\n/)) >= 0) {
      // A CR at the very end may be the first half of a CRLF split across chunks: wait for the next byte.
      if (nl === this.buffer.length - 1 && this.buffer.charCodeAt(nl) === 13) break;
      const line = this.buffer.slice(0, nl);
      const skip = this.buffer.startsWith('\r\n', nl) ? 2 : 1;
      this.buffer = this.buffer.slice(nl + skip);
      this.line(line);
    }
  }

  private line(line: string): void {
    if (line === '') {
      if (this.data.length > 0) this.onMessage({ event: this.event || 'message', data: this.data.join('\n') });
      this.event = '';
      this.data = [];
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.event = value;
    else if (field === 'data') this.data.push(value);
  }
}
