/**
 * The fake on a real local HTTP server, for tests in another process (a CLI,
 * a browser page, another language's client). Node-only, and reached lazily
 * through `builtinModule`, so importing `kwtsms/testing` in a browser or a
 * Worker never pulls in `node:http`.
 */

import { isObject } from '../guards.js';
import { builtinModule } from '../node.js';
import type { FakeServer, ServeOptions } from './types.js';

// The library is compiled without Node's typings: these are the few parts of node:http this file touches.
interface IncomingMessage extends AsyncIterable<Uint8Array | string> {
  readonly method?: string | undefined;
  readonly url?: string | undefined;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly socket: { destroy(): void };
}

interface ServerResponse {
  readonly writableEnded: boolean;
  writeHead(status: number, headers: Record<string, string>): unknown;
  end(chunk?: Uint8Array): unknown;
  once(event: 'close', listener: () => void): unknown;
}

interface Server {
  listen(port: number, hostname: string, listener: () => void): unknown;
  once(event: 'error', listener: (error: Error) => void): unknown;
  off(event: 'error', listener: (error: Error) => void): unknown;
  address(): { port: number } | string | null;
  close(callback: (error?: Error) => void): unknown;
  closeAllConnections(): void;
}

interface NodeHttp {
  createServer(listener: (request: IncomingMessage, response: ServerResponse) => void): Server;
}

type FakeFetch = (input: string, init: RequestInit) => Promise<Response>;

// Browsers may call the fake from any page: answer their preflight and let them read the answer.
const CORS_HEADERS: Readonly<Record<string, string>> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'POST, OPTIONS',
  'Access-Control-Allow-Headers': 'Content-Type, Accept',
  'Access-Control-Max-Age': '600',
};

/**
 * Serves a fake's `fetch` on `http://{hostname}:{port}/API/`. Rejects with an Error where
 * the runtime has no `node:http`.
 */
export async function serveFake(fakeFetch: FakeFetch, options: ServeOptions = {}): Promise<FakeServer> {
  const http = builtinModule<NodeHttp>('node:http');
  if (http === undefined) {
    throw new Error(
      'kwtsms/testing: serve() needs node:http (Node, Bun, or Deno with Node compatibility). Elsewhere, pass fake.fetch to the client instead.',
    );
  }
  const hostname = options.hostname ?? '127.0.0.1';
  const server = http.createServer((request, response) => {
    handle(fakeFetch, request, response).catch(() => request.socket.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, hostname, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = isObject(address) ? address.port : (options.port ?? 0);
  const host = hostname.includes(':') ? `[${hostname}]` : hostname;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}/API/`,
    port,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        // Keep-alive sockets and TIMEOUT faults would otherwise hold close() open forever.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

async function handle(fakeFetch: FakeFetch, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const method = (request.method ?? 'GET').toUpperCase();
  if (method === 'OPTIONS') {
    response.writeHead(204, { ...CORS_HEADERS });
    response.end();
    return;
  }
  // A client that hangs up aborts the call, which is how a TIMEOUT fault ends here.
  const controller = new AbortController();
  response.once('close', () => {
    if (!response.writableEnded) controller.abort(new DOMException('The client closed the connection', 'AbortError'));
  });
  const body = method === 'GET' || method === 'HEAD' ? undefined : await readText(request);
  let answer: Response;
  try {
    answer = await fakeFetch(new URL(request.url ?? '/', 'http://127.0.0.1').href, {
      method,
      headers: headerPairs(request.headers),
      ...(body === undefined ? {} : { body }),
      signal: controller.signal,
    });
  } catch {
    // A NETWORK fault: drop the connection so the remote fetch fails the way a real one would.
    request.socket.destroy();
    return;
  }
  const headers: Record<string, string> = { ...CORS_HEADERS };
  answer.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const bytes = new Uint8Array(await answer.arrayBuffer());
  headers['Content-Length'] = String(bytes.byteLength);
  response.writeHead(answer.status, headers);
  response.end(bytes);
}

async function readText(request: IncomingMessage): Promise<string> {
  const chunks: Uint8Array[] = [];
  const encoder = new TextEncoder();
  for await (const chunk of request) chunks.push(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
  const joined = new Uint8Array(chunks.reduce((total, chunk) => total + chunk.byteLength, 0));
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(joined);
}

function headerPairs(headers: IncomingMessage['headers']): [string, string][] {
  const pairs: [string, string][] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    pairs.push([name, Array.isArray(value) ? value.join(', ') : value]);
  }
  return pairs;
}
