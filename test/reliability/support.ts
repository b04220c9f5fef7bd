/**
 * Machinery shared by the reliability suites: the fast-check seed, a trap for
 * unhandled rejections, a timer-leak tracker, and a raw TCP HTTP server for
 * the faults msw cannot stage (a reset before the request is read, a body
 * that trickles in, a connection cut mid-body).
 */
import { createHook, type AsyncHook } from 'node:async_hooks';
import net from 'node:net';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';

/** Every property test uses this seed; set FC_SEED to try another (as test/phone.test.ts does). fast-check prints it on failure too. */
export const SEED = Number(process.env['FC_SEED'] ?? 20_260_512);

/** A small seeded PRNG for plans and long strings: one draw instead of many fast-check draws. The bench's, shared. */
export { mulberry32 } from '../../bench/lib/prng.mjs';

export const sleepMs = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Lets pending callbacks, promise jobs and `unhandledRejection` events run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
}

/**
 * Fails the test during which any promise rejection went unhandled. Registered per file
 * (vitest reports them too, but only at the end and without naming the test).
 */
export function trapUnhandledRejections(): void {
  const seen: unknown[] = [];
  const onUnhandled = (reason: unknown): void => {
    seen.push(reason);
  };
  beforeAll(() => {
    process.on('unhandledRejection', onUnhandled);
  });
  afterAll(() => {
    process.off('unhandledRejection', onUnhandled);
  });
  afterEach(async () => {
    await settle();
    expect(seen.splice(0), 'unhandled rejections').toEqual([]);
  });
}

/** `setTimeout`s currently keeping the process alive, as Node counts them. */
export function activeTimeouts(): number {
  return process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;
}

interface TrackedTimer {
  /** The stack frame that called setTimeout/setInterval (or refreshed a timer). */
  creator: string;
  resource: { hasRef?: () => boolean };
}

/** The first frame outside Node's timer and async_hooks internals (and this hook): whoever started, or refreshed, the timer. */
function creatorOf(stack: string): string {
  const internal = /AsyncHook\.init|node:internal\/async_hooks|node:internal\/timers|\(node:timers:|^Error/;
  return (
    stack
      .split('\n')
      .map((line) => line.trim())
      .find((line) => line !== '' && !internal.test(line)) ?? ''
  );
}

/**
 * Timers that other code owns and keeps across calls: undici's shared fast timer (keep-alive and
 * body timeouts of the real `fetch` behind msw's passthrough), vitest's per-test timer, msw's own.
 */
const FOREIGN_OWNERS = ['deps/undici', '/undici/', '@vitest', '/vitest/', '@mswjs', '/msw/'];
const isForeign = (timer: TrackedTimer): boolean => FOREIGN_OWNERS.some((owner) => timer.creator.includes(owner));

/**
 * Records every `Timeout` created while enabled, with the frame that created it, and forgets it once
 * it fires or is cleared. `leftovers(mark)` lists the timers created since `mark` that are still
 * pending, apart from the foreign ones above: a library timer left running shows here with the
 * line of `src/` that started it.
 */
export class TimerTracker {
  readonly #live = new Map<number, TrackedTimer>();
  #hook: AsyncHook | undefined;
  /** While set, new timers are not recorded: the waits of `expectNoTimerLeft` itself. */
  paused = false;

  enable(): void {
    this.#hook = createHook({
      init: (id, type, _trigger, resource) => {
        if (type !== 'Timeout' || this.paused) return;
        const limit = Error.stackTraceLimit;
        Error.stackTraceLimit = 40;
        const stack = new Error('timer created').stack ?? '';
        Error.stackTraceLimit = limit;
        this.#live.set(id, { creator: creatorOf(stack), resource: resource as TrackedTimer['resource'] });
      },
      destroy: (id) => {
        this.#live.delete(id);
      },
    }).enable();
  }

  disable(): void {
    this.#hook?.disable();
    this.#live.clear();
  }

  /** The timers alive now; pass it to `leftovers` later. */
  mark(): ReadonlySet<number> {
    return new Set(this.#live.keys());
  }

  /** Timers created since `mark` and still pending, foreign owners excluded. */
  leftovers(mark: ReadonlySet<number>): string[] {
    const found: string[] = [];
    for (const [id, timer] of this.#live) {
      if (mark.has(id) || isForeign(timer)) continue;
      found.push(`started ${timer.creator}`);
    }
    return found;
  }

  /** Foreign timers created since `mark`, still pending and keeping the process alive. */
  foreignRefed(mark: ReadonlySet<number>): number {
    let count = 0;
    for (const [id, timer] of this.#live) {
      if (mark.has(id) || !isForeign(timer)) continue;
      if (timer.resource.hasRef?.() !== false) count++;
    }
    return count;
  }
}

/**
 * Waits (up to `ms`) until no timer created since `mark` is left apart from foreign ones, then asserts
 * it, and that Node's own count of active timeouts is back to `before` (plus foreign ones).
 * Test servers clean up asynchronously (a socket's 'close' comes a moment after the client hangs up),
 * so a leftover must outlive the wait to count; the library's timers in these tests are long
 * (timeoutMs 5 s, retry waits 60 s), so a leaked one is still there.
 */
export async function expectNoTimerLeft(tracker: TimerTracker, mark: ReadonlySet<number>, before: number, ms = 400): Promise<void> {
  const deadline = performance.now() + ms;
  tracker.paused = true;
  try {
    while (performance.now() < deadline) {
      if (tracker.leftovers(mark).length === 0 && activeTimeouts() <= before + tracker.foreignRefed(mark)) break;
      await sleepMs(5);
    }
  } finally {
    tracker.paused = false;
  }
  expect(tracker.leftovers(mark), 'timers left running').toEqual([]);
  expect(activeTimeouts()).toBeLessThanOrEqual(before + tracker.foreignRefed(mark));
}

// ---------------------------------------------------------------------------
// A raw TCP server speaking just enough HTTP/1.1 to misbehave on purpose.

/** One request as it came off the socket. */
export interface RawRequest {
  method: string;
  /** The request target, e.g. `/API/send/`. */
  path: string;
  /** The request line and header lines, exactly as received. */
  head: string;
  headers: Record<string, string>;
  body: string;
}

/** What the server does once it has read a request. */
export type RawAction =
  | { kind: 'respond'; status: number; contentType: string; body: string }
  /** TCP RST after reading the request. */
  | { kind: 'reset' }
  /** A plain close (FIN) after reading the request, no answer. */
  | { kind: 'destroy' }
  /** Read the request and never answer. */
  | { kind: 'hang' }
  /** Send the status line and headers, then the body one byte every 10 ms, never finishing. */
  | { kind: 'trickle' }
  /** Headers and half the promised body, then RST. */
  | { kind: 'cut-body'; body: string };

export interface RawServer {
  /** `http://127.0.0.1:{port}/API/`. */
  baseUrl: string;
  requests: RawRequest[];
  /** Connections accepted, including ones reset before reading. */
  connections(): number;
  close(): Promise<void>;
}

const REASONS: Record<number, string> = { 200: 'OK', 403: 'Forbidden', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable' };

/**
 * Starts a server on 127.0.0.1. With `resetOnConnect` every connection is reset before a byte is
 * read; otherwise each connection carries one request, answered by `handle`'s action.
 */
export async function startRawServer(options: {
  resetOnConnect?: boolean;
  handle: (request: RawRequest, index: number) => RawAction;
}): Promise<RawServer> {
  const requests: RawRequest[] = [];
  const sockets = new Set<net.Socket>();
  let connections = 0;
  const server = net.createServer((socket) => {
    connections++;
    sockets.add(socket);
    let timer: ReturnType<typeof setInterval> | undefined;
    socket.on('error', () => {});
    socket.on('close', () => {
      sockets.delete(socket);
      if (timer !== undefined) clearInterval(timer);
    });
    if (options.resetOnConnect === true) {
      socket.resetAndDestroy();
      return;
    }
    let buffer = Buffer.alloc(0);
    let done = false;
    socket.on('data', (chunk: Buffer) => {
      if (done) return;
      buffer = Buffer.concat([buffer, chunk]);
      const end = buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = buffer.subarray(0, end).toString('latin1');
      const headers: Record<string, string> = {};
      for (const line of head.split('\r\n').slice(1)) {
        const colon = line.indexOf(':');
        if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      const length = Number(headers['content-length'] ?? '0');
      if (buffer.length < end + 4 + length) return;
      done = true;
      const [method = '', path = ''] = head.split('\r\n', 1)[0]?.split(' ') ?? [];
      const request: RawRequest = { method, path, head, headers, body: buffer.subarray(end + 4, end + 4 + length).toString('utf8') };
      requests.push(request);
      const action = options.handle(request, requests.length - 1);
      switch (action.kind) {
        case 'respond': {
          const body = Buffer.from(action.body, 'utf8');
          socket.end(
            Buffer.concat([
              Buffer.from(
                `HTTP/1.1 ${action.status} ${REASONS[action.status] ?? 'Status'}\r\nContent-Type: ${action.contentType}\r\n` +
                  `Content-Length: ${body.length}\r\nConnection: close\r\n\r\n`,
                'latin1',
              ),
              body,
            ]),
          );
          break;
        }
        case 'reset':
          socket.resetAndDestroy();
          break;
        case 'destroy':
          socket.destroy();
          break;
        case 'hang':
          break;
        case 'trickle':
          socket.write('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\nConnection: close\r\n\r\n{');
          timer = setInterval(() => socket.write(' '), 10);
          break;
        case 'cut-body': {
          const body = Buffer.from(action.body, 'utf8');
          socket.write(`HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`);
          socket.write(body.subarray(0, body.length >> 1), () => socket.resetAndDestroy());
          break;
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    baseUrl: `http://127.0.0.1:${port}/API/`,
    requests,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
