/**
 * The one transport: POST a JSON body to `{baseUrl}{endpoint}/`, with a
 * per-request timeout joined to the caller's signal, and every failure turned
 * into a value. Nothing here throws or rejects.
 */
import { actionFor, GENERIC_ACTION } from './errors.js';
import { maskRequest, writeLog, type LogTarget } from './log.js';

/** What the transport needs from the client. */
export interface TransportConfig extends LogTarget {
  baseUrl: string;
  timeoutMs: number;
  fetch?: typeof fetch | undefined;
}

/** The gateway answered `result: 'OK'`; `data` is its JSON object. */
export interface ApiSuccess {
  ok: true;
  data: Record<string, unknown>;
}

/** The gateway answered an error, or no usable answer came. */
export interface ApiFailure {
  ok: false;
  code: string;
  description: string;
  action: string;
  cause?: unknown;
  /** The gateway's JSON error body, when there was one. */
  data?: Record<string, unknown>;
}

export type ApiOutcome = ApiSuccess | ApiFailure;

/**
 * A failure value with the action for its code (a generic one for codes the library does not know).
 *
 * @example
 * // internal: src/request.ts
 * failure('ERR003', 'Authentication error').action; // 'Wrong API username or password. ...'
 */
export function failure(code: string, description: string, cause?: unknown): ApiFailure {
  const result: ApiFailure = { ok: false, code, description, action: actionFor(code) ?? GENERIC_ACTION };
  if (cause !== undefined) result.cause = cause;
  return result;
}

const MAX_TIMER_MS = 2_147_483_647;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error && cause.message !== '' ? `${error.message} (${cause.message})` : error.message;
  }
  return String(error);
}

/** Turns a parsed body into an outcome; anything but `{ result: 'OK' | 'ERROR' }` is BAD_RESPONSE. */
function interpret(body: unknown, status: number): ApiOutcome {
  if (!isObject(body) || typeof body.result !== 'string') {
    return failure('BAD_RESPONSE', `The API answered HTTP ${status} with JSON that has no "result" field.`);
  }
  if (body.result === 'OK') return { ok: true, data: body };
  const code = typeof body.code === 'string' && body.code !== '' ? body.code : 'BAD_RESPONSE';
  const description =
    typeof body.description === 'string' && body.description !== ''
      ? body.description
      : `The API answered HTTP ${status} with result "${body.result}"${code === 'BAD_RESPONSE' ? ' and no code' : ''}.`;
  const outcome = failure(code, description);
  outcome.data = body;
  return outcome;
}

/**
 * Calls one endpoint and logs exactly one entry for its HTTP request (none when the call ends before
 * fetch: already aborted, or no fetch). Resolves to an outcome; never rejects.
 *
 * @param config where and how to call
 * @param endpoint `balance`, `send`, `validate`...
 * @param body the JSON body, credentials included (they go in the body only, never the URL)
 * @param signal the caller's cancellation, reported as ABORTED apart from TIMEOUT
 * @example
 * // internal: src/request.ts; the client calls it with its private credentials
 * const outcome = await callApi({ baseUrl: 'https://www.kwtsms.com/API/', timeoutMs: 15000 }, 'balance', { username, password });
 */
export async function callApi(
  config: TransportConfig,
  endpoint: string,
  body: Readonly<Record<string, unknown>>,
  signal?: AbortSignal,
): Promise<ApiOutcome> {
  const ts = new Date().toISOString();
  const trace: Trace = { sent: false, response: null };
  const outcome = await exchange(config, endpoint, body, signal, trace);
  // One entry per HTTP request: a call refused before fetch (already aborted, no fetch) made none.
  if (trace.sent) {
    writeLog(config, {
      ts,
      endpoint,
      request: maskRequest(body),
      response: trace.response,
      ok: outcome.ok,
      error: outcome.ok ? null : `${outcome.code}: ${outcome.description}`,
    });
  }
  return outcome;
}

/** What `exchange` saw, for the log: whether a request went out, and the body that came back. */
interface Trace {
  sent: boolean;
  response: unknown;
}

async function exchange(
  config: TransportConfig,
  endpoint: string,
  body: Readonly<Record<string, unknown>>,
  signal: AbortSignal | undefined,
  trace: Trace,
): Promise<ApiOutcome> {
  if (signal?.aborted) return failure('ABORTED', 'The call was cancelled before the request was sent.', signal.reason);
  // Looked up now, not at construction, so msw, polyfills and test doubles installed later still apply.
  const doFetch = config.fetch ?? (globalThis as { fetch?: typeof fetch }).fetch;
  if (typeof doFetch !== 'function') {
    return failure('NETWORK', 'This runtime has no global fetch. Pass one as the `fetch` option of KwtSMS.');
  }

  const { timeoutMs } = config;
  const controller = new AbortController();
  let timedOut = false;
  const timer =
    timeoutMs <= MAX_TIMER_MS
      ? setTimeout(() => {
          timedOut = true;
          controller.abort(new DOMException(`No answer within ${timeoutMs} ms`, 'TimeoutError'));
        }, timeoutMs)
      : undefined;
  const onCallerAbort = (): void => controller.abort(signal?.reason);
  signal?.addEventListener('abort', onCallerAbort, { once: true });
  // Raced against the fetch and the body read, so a `fetch` that ignores its signal still cannot hang a call.
  const stopped = new Promise<never>((_, reject) =>
    controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true }),
  );
  stopped.catch(() => {});

  try {
    trace.sent = true;
    const res = await Promise.race([
      // Called unbound: some runtimes' fetch throws "Illegal invocation" when called as a method.
      doFetch.call(undefined, `${config.baseUrl}${endpoint}/`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(body),
        signal: controller.signal,
      }),
      stopped,
    ]);
    // The gateway puts JSON errors in 4xx bodies, so the body is read whatever the status.
    const text = await Promise.race([res.text(), stopped]);
    trace.response = text;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      const what = text.trim() === '' ? 'an empty body' : 'a body that is not JSON';
      return failure('BAD_RESPONSE', `The API answered HTTP ${res.status} with ${what}.`, error);
    }
    trace.response = parsed;
    return interpret(parsed, res.status);
  } catch (error) {
    if (timedOut) return failure('TIMEOUT', `No answer from the kwtSMS API within ${timeoutMs} ms.`, error);
    if (signal?.aborted) return failure('ABORTED', 'The call was cancelled by its AbortSignal.', signal.reason);
    return failure('NETWORK', `Could not reach the kwtSMS API: ${errorMessage(error)}`, error);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onCallerAbort);
  }
}
