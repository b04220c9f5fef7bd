/**
 * The public shapes of `kwtsms/testing`. Kept apart from the code so the
 * barrel can re-export them as types only.
 */

/**
 * What `state.failNext()` injects instead of the gateway's real answer:
 * - an API code such as `'ERR013'` (queue full): `{ result: 'ERROR', code, description }`;
 * - `'HTTP_500'`, `'HTTP_502'`, `'HTTP_503'`: an HTML error page with that status, as a proxy gives;
 * - `'NETWORK'`: the promise rejects with `TypeError('fetch failed')`, as `fetch` does;
 * - `'TIMEOUT'`: no answer until the request's signal aborts (never, without one);
 * - `'BAD_JSON'`: a 200 whose body is not JSON;
 * - `'EMPTY'`: a 200 with an empty body.
 *
 * @example
 * import { createFakeGateway, type Fault } from 'kwtsms/testing';
 *
 * const fake = createFakeGateway();
 * const fault: Fault = 'HTTP_502';
 * fake.state.failNext(2, fault); // the next two requests meet a broken proxy
 */
export type Fault =
  | `ERR${string}`
  | 'HTTP_500'
  | 'HTTP_502'
  | 'HTTP_503'
  | 'NETWORK'
  | 'TIMEOUT'
  | 'BAD_JSON'
  | 'EMPTY';

/**
 * A message the fake accepted, in the order they were sent.
 *
 * @example
 * import { createFakeGateway, type FakeSentMessage } from 'kwtsms/testing';
 *
 * const fake = createFakeGateway();
 * const last: FakeSentMessage | undefined = fake.state.sent.at(-1);
 * console.log(last?.numbers, last?.test);
 */
export interface FakeSentMessage {
  /** The `msg-id` the send answered with. */
  msgId: string;
  /** The recipients, deduplicated, as the request spelled them. */
  numbers: string[];
  message: string;
  sender: string;
  /** `true` when sent with `test: "1"`: queued, never delivered. */
  test: boolean;
}

/**
 * A request the fake received, kept for assertions. The password is always `'***'`.
 *
 * @example
 * import { createFakeGateway, type FakeRequest } from 'kwtsms/testing';
 *
 * const fake = createFakeGateway();
 * const sends: FakeRequest[] = fake.state.requests.filter((request) => request.endpoint === 'send');
 * console.log(sends.length); // 0
 */
export interface FakeRequest {
  /** The last path segment: `'send'`, `'balance'`... (whatever was asked, known or not). */
  endpoint: string;
  /** The HTTP method, upper case. */
  method: string;
  /** The JSON body with `password` masked, or `null` when the body was not a JSON object. */
  body: Record<string, unknown> | null;
}

/**
 * The fake's live state: read it in assertions, set `balance` to stage ERR010/ERR011.
 *
 * @example
 * import { createFakeGateway } from 'kwtsms/testing';
 *
 * const fake = createFakeGateway();
 * fake.state.balance = 0;           // the next send answers ERR010
 * fake.state.failNext(1, 'ERR013'); // and the next request of all finds the queue full
 * fake.state.reset();               // between tests: forget messages, requests, faults, the 15 s history
 */
export interface FakeState {
  /** Credits available. Drops by the points of every accepted send, test mode included. */
  balance: number;
  /** Credits ever bought, as `balance` reports it. */
  purchased: number;
  /** Every accepted message, oldest first. */
  readonly sent: readonly FakeSentMessage[];
  /** Every request received, oldest first, faulted ones included. */
  readonly requests: readonly FakeRequest[];
  /**
   * Answers the next `n` requests, whatever their endpoint, with `fault` instead of
   * processing them (nothing is sent or charged). Calls queue: first in, first out.
   * Throws a `TypeError` for a negative or fractional `n` or an unknown fault.
   *
   * @example
   * import { createFakeGateway } from 'kwtsms/testing';
   *
   * const fake = createFakeGateway();
   * fake.state.failNext(1, 'ERR013');  // first: queue full (the client retries)
   * fake.state.failNext(1, 'NETWORK'); // then: the connection drops
   */
  failNext(n: number, fault: Fault): void;
  /** Forgets sent messages, requests, pending faults and the 15-second history. Balance stays. */
  reset(): void;
}

/**
 * Options of {@link createFakeGateway}.
 *
 * @example
 * import { createFakeGateway, type FakeGatewayOptions } from 'kwtsms/testing';
 *
 * let now = Date.UTC(2025, 0, 1);
 * const options: FakeGatewayOptions = { username: 'user', password: 'pass', balance: 10, now: () => now };
 * const fake = createFakeGateway(options);
 * now += 15_000; // the same number may be sent to again
 */
export interface FakeGatewayOptions {
  /** The only username accepted. @default any non-empty username */
  username?: string;
  /** The only password accepted. @default any non-empty password */
  password?: string;
  /** Credits available at start. @default 1000 */
  balance?: number;
  /** Credits ever bought. @default the `balance` option */
  purchased?: number;
  /** Sender IDs registered on the account; any other answers ERR008. @default ['KWT-SMS'] */
  senderIds?: readonly string[];
  /** Country prefixes the account may send to; any other number answers ERR026. @default ['965'] */
  coverage?: readonly string[];
  /** The clock in milliseconds, for the 15-second rule and `unix-timestamp`. @default Date.now */
  now?: () => number;
  /** How long every answer takes, in milliseconds. Abortable. @default 0 */
  latencyMs?: number;
}

/**
 * Options of {@link FakeGateway.serve}.
 *
 * @example
 * import { createFakeGateway, type ServeOptions } from 'kwtsms/testing';
 *
 * const options: ServeOptions = { port: 8787 };
 * const server = await createFakeGateway().serve(options);
 * await server.close();
 */
export interface ServeOptions {
  /** The port to listen on; 0 picks a free one. @default 0 */
  port?: number;
  /** The interface to listen on. @default '127.0.0.1' */
  hostname?: string;
}

/**
 * A running local HTTP server in front of the fake.
 *
 * @example
 * import { createFakeGateway } from 'kwtsms/testing';
 *
 * const server = await createFakeGateway().serve();
 * console.log(server.url); // 'http://127.0.0.1:54321/API/': give it as a client's baseUrl
 * await server.close();
 */
export interface FakeServer {
  /** The base URL to give a client, e.g. `'http://127.0.0.1:54321/API/'`. */
  url: string;
  port: number;
  /** Stops listening and drops open connections. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * What {@link createFakeGateway} returns.
 *
 * @example
 * import { createFakeGateway, type FakeGateway } from 'kwtsms/testing';
 *
 * const fake: FakeGateway = createFakeGateway();
 * const response = await fake.fetch('https://www.kwtsms.com/API/balance/', {
 *   method: 'POST',
 *   body: JSON.stringify({ username: 'u', password: 'p' }),
 * });
 * console.log(await response.json()); // { result: 'OK', available: 1000, purchased: 1000 }
 */
export interface FakeGateway {
  /** A drop-in `fetch` that answers as the kwtSMS gateway would. Pass it as the client's `fetch` option. */
  fetch: (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
  /** The fake's state, live. */
  state: FakeState;
  /**
   * Puts this same fake, sharing its state, on a local HTTP server with CORS open, for other
   * processes and browser pages. Node, Bun, or Deno with Node compatibility; elsewhere it
   * rejects with an Error.
   *
   * @example
   * import { createFakeGateway } from 'kwtsms/testing';
   *
   * const fake = createFakeGateway();
   * const server = await fake.serve({ port: 0 }); // 0: any free port
   * // e.g. spawn the CLI with its base URL set to server.url, then assert on fake.state.sent
   * await server.close();
   */
  serve(options?: ServeOptions): Promise<FakeServer>;
}
