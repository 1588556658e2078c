import { Writable } from 'node:stream';

/** Collects the JSON log lines the app writes, exactly as they would reach stdout. */
export class LogCapture extends Writable {
  private readonly chunks: string[] = [];

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: () => void): void {
    this.chunks.push(chunk.toString());
    callback();
  }

  /** Everything written so far, raw. */
  text(): string {
    return this.chunks.join('');
  }

  /** Parsed JSON lines. */
  lines(): Record<string, unknown>[] {
    return this.text()
      .split('\n')
      .filter((l) => l.trim().length > 0)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  }

  clear(): void {
    this.chunks.length = 0;
  }
}
