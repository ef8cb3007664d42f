/**
 * A lean HTTP/1.1-over-TLS client for throughput benches: one persistent
 * (keep-alive) TLS connection, one request at a time, as an `https.Agent`
 * socket is used. Why not `https.request`: at 5,000 requests/s its
 * ClientRequest / Agent / IncomingMessage machinery cost ~155 µs of CPU per
 * request on a thread that shares a 2-core machine with the server under
 * test, so the bench measured its own client as much as the emulator. What is
 * kept is what a real client does on the wire: TLS with certificate and host
 * verification against the given CA (`tls.connect` defaults, as `https` uses
 * them), the same request line, headers and body bytes a Node client sends,
 * and every response read to its last byte (status line, headers,
 * `Content-Length` body). What is left out is what the bench never needs:
 * chunked bodies, redirects, pipelining.
 */
import tls from 'node:tls';

/** A request's fixed part: method, path and headers, written once per connection target. */
export interface RequestHead {
  method: 'GET' | 'POST';
  path: string;
  /** Header lines besides Host, Content-Length and Connection, which are added. */
  headers: Record<string, string>;
}

/** A finished exchange. */
export interface ExchangeResult {
  status: number;
  /** The response body, UTF-8 decoded. */
  body: string;
}

const CRLF2 = Buffer.from('\r\n\r\n', 'latin1');

/** One keep-alive connection; `request` must not be called again before the previous one settles. */
export class KeepAliveTlsClient {
  private socket: tls.TLSSocket | null = null;
  private connecting: Promise<tls.TLSSocket> | null = null;
  private pending: { resolve(r: ExchangeResult): void; reject(e: Error): void } | null = null;
  private buffered: Buffer | null = null;
  private readonly prefix: string;

  /**
   * @param url origin to talk to (`https://host:port`).
   * @param ca the PEM the server's certificate must chain to (nothing turns verification off).
   * @param head the request's fixed part, rendered to text once here.
   */
  constructor(
    private readonly url: URL,
    private readonly ca: string,
    head: RequestHead,
  ) {
    const lines = [`${head.method} ${head.path} HTTP/1.1`, `Host: ${url.host}`];
    for (const [k, v] of Object.entries(head.headers)) lines.push(`${k}: ${v}`);
    lines.push('Connection: keep-alive');
    this.prefix = `${lines.join('\r\n')}\r\n`;
  }

  /** Sends `body` (JSON text) and resolves once the whole response has been read. */
  async request(body: string): Promise<ExchangeResult> {
    const socket = this.socket ?? (await this.connect());
    return new Promise<ExchangeResult>((resolve, reject) => {
      this.pending = { resolve, reject };
      // One write, so the request goes out as one TLS record, like an https.request with a body.
      socket.write(`${this.prefix}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    });
  }

  /** Closes the connection. */
  close(): void {
    this.socket?.destroy();
    this.socket = null;
  }

  private connect(): Promise<tls.TLSSocket> {
    this.connecting ??= new Promise<tls.TLSSocket>((resolve, reject) => {
      const host = this.url.hostname.replace(/^\[|\]$/g, '');
      const socket = tls.connect({ host, port: Number(this.url.port), ca: this.ca }, () => {
        this.connecting = null;
        this.socket = socket;
        resolve(socket);
      });
      // As http.Agent sockets: no Nagle delay on a request written after its response arrived.
      socket.setNoDelay(true);
      socket.on('data', (chunk: Buffer) => this.onData(chunk));
      const fail = (err: Error): void => {
        if (this.socket === socket) this.socket = null;
        this.connecting = null;
        this.buffered = null;
        reject(err);
        const p = this.pending;
        this.pending = null;
        p?.reject(err);
      };
      socket.on('error', fail);
      socket.on('close', () => fail(new Error('connection closed')));
    });
    return this.connecting;
  }

  private onData(chunk: Buffer): void {
    const data = this.buffered ? Buffer.concat([this.buffered, chunk]) : chunk;
    this.buffered = null;
    const headEnd = data.indexOf(CRLF2);
    if (headEnd < 0) {
      this.buffered = data;
      return;
    }
    const head = data.toString('latin1', 0, headEnd);
    const status = Number(head.slice(9, 12));
    const length = /\r\ncontent-length:[ \t]*(\d+)/i.exec(head);
    const p = this.pending;
    if (!head.startsWith('HTTP/1.1 ') || !Number.isInteger(status) || !length) {
      this.pending = null;
      this.close();
      p?.reject(new Error(`unreadable response head: ${JSON.stringify(head.slice(0, 80))}`));
      return;
    }
    const total = headEnd + 4 + Number(length[1]);
    if (data.length < total) {
      this.buffered = data;
      return;
    }
    this.pending = null;
    if (data.length > total || !p) {
      // Bytes nobody asked for: the connection's framing is lost.
      this.close();
      p?.reject(new Error('unexpected bytes after the response'));
      return;
    }
    if (/\r\nconnection:[ \t]*close/i.test(head)) this.close();
    p.resolve({ status, body: data.toString('utf8', headEnd + 4, total) });
  }
}
