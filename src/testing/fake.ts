/**
 * `createFakeGateway`: the state machine behind a `fetch`-shaped front door,
 * so a client under test cannot tell it from the real kwtSMS gateway.
 */

import { faultResponse, networkError } from './faults.js';
import { createGatewayCore } from './gateway.js';
import { serveFake } from './serve.js';
import type { FakeGateway, FakeGatewayOptions } from './types.js';
import { sleep } from '../retry.js';
import { hang, jsonResponse, readCall, signalOf, throwIfAborted } from './wire.js';

/**
 * Creates an in-memory kwtSMS gateway: balance, sender IDs, coverage, validate,
 * send, status and dlr, the 15-second same-number rule (ERR028), test mode, and
 * injected failures. Nothing leaves the process.
 *
 * @param options credentials, credits, sender IDs, coverage, clock and latency; every one optional.
 * @returns `{ fetch, state, serve }`: pass `fetch` to the client, assert on `state`,
 *   or `serve()` it over HTTP for another process.
 * @throws {TypeError} when an option has the wrong type (a negative balance, a non-array `senderIds`...).
 *
 * @example
 * import { createFakeGateway } from 'kwtsms/testing';
 *
 * const fake = createFakeGateway({ balance: 50 });
 * const response = await fake.fetch('https://www.kwtsms.com/API/send/', {
 *   method: 'POST',
 *   headers: { 'Content-Type': 'application/json' },
 *   body: JSON.stringify({ username: 'u', password: 'p', sender: 'KWT-SMS', mobile: '96598765432', message: 'Hi', test: '1' }),
 * });
 * console.log(await response.json()); // { result: 'OK', 'msg-id': '…', numbers: 1, 'points-charged': 1, 'balance-after': 49, … }
 * console.log(fake.state.sent.length); // 1
 *
 * fake.state.failNext(1, 'ERR013'); // the next request finds the queue full
 */
export function createFakeGateway(options: FakeGatewayOptions = {}): FakeGateway {
  const latencyMs = options.latencyMs ?? 0;
  if (typeof latencyMs !== 'number' || !Number.isFinite(latencyMs) || latencyMs < 0) {
    throw new TypeError(`createFakeGateway: latencyMs must be a finite number >= 0, got ${String(latencyMs)}`);
  }
  const core = createGatewayCore(options);

  async function fakeFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
    const signal = signalOf(input, init);
    // An aborted fetch never reaches the server, so it is neither logged nor charged.
    throwIfAborted(signal);
    const call = await readCall(input, init);
    throwIfAborted(signal);
    const fault = core.receive(call);
    if (fault === 'TIMEOUT') return hang(signal);
    // The gateway acts on arrival and the latency is the way back: a caller that gives up
    // during it has still sent the message, as after a real timeout.
    const response = fault === undefined ? jsonResponse(core.answer(call)) : faultResponse(fault);
    throwIfAborted(signal);
    if (latencyMs > 0) await sleep(latencyMs, signal);
    if (response === undefined) throw networkError();
    return response;
  }

  return {
    fetch: fakeFetch,
    state: core.state,
    serve: (serveOptions) => serveFake(fakeFetch, serveOptions),
  };
}
