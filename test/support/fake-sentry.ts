import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { gunzipSync, inflateSync } from 'node:zlib';

/** One item of a Sentry envelope: its header and its parsed JSON payload (an event, a session…). */
export interface EnvelopeItem {
  type: string;
  payload: Record<string, unknown>;
}

export interface ReceivedEnvelope {
  path: string;
  header: Record<string, unknown>;
  items: EnvelopeItem[];
  /** The raw bytes, for "this text never left the process" assertions. */
  raw: string;
}

/** Splits an envelope: a header line, then per item a header line and a payload (by length or line). */
export function parseEnvelope(body: Buffer): Omit<ReceivedEnvelope, 'path'> {
  let offset = 0;
  const readLine = (): Buffer => {
    const end = body.indexOf(0x0a, offset);
    const line = body.subarray(offset, end < 0 ? body.length : end);
    offset = end < 0 ? body.length : end + 1;
    return line;
  };
  const header = JSON.parse(readLine().toString()) as Record<string, unknown>;
  const items: EnvelopeItem[] = [];
  while (offset < body.length) {
    const headerLine = readLine().toString().trim();
    if (!headerLine) continue;
    const itemHeader = JSON.parse(headerLine) as { type: string; length?: number };
    let payload: Buffer;
    if (typeof itemHeader.length === 'number') {
      payload = body.subarray(offset, offset + itemHeader.length);
      offset += itemHeader.length;
      if (body[offset] === 0x0a) offset++;
    } else {
      payload = readLine();
    }
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(payload.toString()) as Record<string, unknown>;
    } catch {
      parsed = { raw: payload.toString() };
    }
    items.push({ type: itemHeader.type, payload: parsed });
  }
  return { header, items, raw: body.toString() };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const encoding = req.headers['content-encoding'];
      resolve(
        encoding === 'gzip' ? gunzipSync(body) : encoding === 'deflate' ? inflateSync(body) : body,
      );
    });
    req.on('error', reject);
  });
}

/**
 * A local stand-in for Sentry's ingest: accepts `POST /api/<project>/envelope/` and keeps what
 * arrived. `dsn` points an SDK at it.
 */
export class FakeSentry {
  readonly envelopes: ReceivedEnvelope[] = [];
  private server?: Server;
  private port = 0;

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const path = (req.url ?? '').split('?')[0];
      if (req.method !== 'POST' || !/^\/api\/[^/]+\/envelope\/?$/.test(path)) {
        res.writeHead(404).end();
        return;
      }
      readBody(req).then(
        (body) => {
          this.envelopes.push({ path, ...parseEnvelope(body) });
          res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
        },
        () => res.writeHead(400).end(),
      );
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  get dsn(): string {
    return `http://publickey@127.0.0.1:${this.port}/1`;
  }

  /** Error events received so far (item type "event"). */
  events(): Record<string, unknown>[] {
    return this.envelopes.flatMap((e) =>
      e.items.filter((i) => i.type === 'event').map((i) => i.payload),
    );
  }

  clear(): void {
    this.envelopes.length = 0;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
