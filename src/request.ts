/**
 * The one transport: POST a JSON body to `{baseUrl}{endpoint}/`, with a
 * per-request timeout joined to the caller's signal, and every failure turned
 * into a value. Nothing here throws or rejects.
 *
 * A call runs in four phases: request (fetch, under a deadline), response
 * (the body's text, secrets scrubbed), parse (JSON), classify (OK, an API
 * error, or BAD_RESPONSE).
 */
import { watchAbort } from './abort.js';
import { failure, type ApiOutcome } from './errors.js';
import { isRecord, nonEmpty } from './guards.js';
import { maskRequest, writeLog, type LogTarget } from './log.js';
import { MAX_TIMER_MS } from './retry.js';

export interface TransportConfig extends LogTarget {
  baseUrl: string;
  timeoutMs: number;
  fetch?: typeof fetch | undefined;
}

interface Reply {
  status: number;
  text: string;
}

// `logged` is what the log shows of the answer: the parsed body, its text when it is not JSON, or null.
interface Reading {
  outcome: ApiOutcome;
  logged: unknown;
}

/**
 * Rejects when `signal` aborts. Raced against fetch and the body read, so that a `fetch` that
 * ignores its signal still cannot hang a call.
 */
function whenAborted(signal: AbortSignal): Promise<never> {
  const aborted = new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));
  aborted.catch(() => {});
  return aborted;
}

/** A secret as sent, and JSON-escaped once and twice (a JSON body quoted inside a JSON description). */
function secretForms(secret: unknown): string[] {
  if (typeof secret !== 'string' || secret === '') return [];
  const once = JSON.stringify(secret).slice(1, -1);
  return [secret, once, JSON.stringify(once).slice(1, -1)];
}

/**
 * A server or proxy that echoes the request must not carry a secret (the password, a redacted
 * message) into a result or a log entry. An OK answer is left alone: it never echoes, and a short
 * password must not garble its fields.
 */
function scrub(text: string, secrets: readonly unknown[]): string {
  try {
    if ((JSON.parse(text) as { result?: unknown } | null)?.result === 'OK') return text;
  } catch {
    // Not JSON: an HTML error page may quote the request too.
  }
  const forms = secrets.flatMap(secretForms);
  return forms.reduce((scrubbed, form) => scrubbed.replaceAll(form, '***'), text);
}

/** The request and response phases; rejects on a timeout, an abort or a network error. */
async function exchange(
  doFetch: typeof fetch,
  url: string,
  body: Readonly<Record<string, unknown>>,
  secrets: readonly unknown[],
  signal: AbortSignal,
): Promise<Reply> {
  const stopped = whenAborted(signal);
  const res = await Promise.race([
    // Called unbound: some runtimes' fetch throws "Illegal invocation" when called as a method.
    doFetch.call(undefined, url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body),
      signal,
    }),
    stopped,
  ]);
  // The gateway puts JSON errors in 4xx bodies, so the body is read whatever the status.
  const text = await Promise.race([res.text(), stopped]);
  return { status: res.status, text: scrub(text, secrets) };
}

/** Why no reply came: the deadline, the caller's signal, or the network. */
function transportFailure(error: unknown, timedOut: boolean, timeoutMs: number, signal: AbortSignal | undefined): ApiOutcome {
  if (timedOut) return failure('TIMEOUT', `No answer from the kwtSMS API within ${timeoutMs} ms.`, error);
  if (signal?.aborted) return failure('ABORTED', 'Cancelled by the AbortSignal.', signal.reason);
  return failure('NETWORK', `Could not reach the kwtSMS API: ${errorMessage(error)}`, error);
}

/** The error's message, with its cause's: undici hides the real reason (ECONNREFUSED...) in the cause. */
function errorMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const { cause } = error;
  return cause instanceof Error && cause.message !== '' ? `${error.message} (${cause.message})` : error.message;
}

/** The parse phase: a body that is not JSON is BAD_RESPONSE, logged as its text. */
function parse({ status, text }: Reply): Reading {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const what = text.trim() ? 'a body that is not JSON' : 'an empty body';
    return { outcome: failure('BAD_RESPONSE', `The API answered HTTP ${status} with ${what}.`, error), logged: text };
  }
  return { outcome: classify(json, status), logged: json };
}

/** The classify phase: anything but `{ result: 'OK' | 'ERROR' }` is BAD_RESPONSE. */
function classify(body: unknown, status: number): ApiOutcome {
  if (!isRecord(body) || typeof body.result !== 'string') {
    return failure('BAD_RESPONSE', `The API answered HTTP ${status} with JSON that has no "result" field.`);
  }
  if (body.result === 'OK') return { ok: true, data: body };
  const code = nonEmpty(body.code);
  const description =
    nonEmpty(body.description) ?? `The API answered HTTP ${status} with result "${body.result}"${code ? '' : ' and no code'}.`;
  return { ...failure(code ?? 'BAD_RESPONSE', description), data: body };
}

/**
 * Calls one endpoint and logs exactly one entry for its HTTP request (none when the call ends before
 * fetch: already aborted, or no fetch). Resolves to an outcome; never rejects.
 *
 * @param config where and how to call
 * @param endpoint `balance`, `send`, `validate`...
 * @param body the JSON body, credentials included (they go in the body only, never the URL)
 * @param signal the caller's cancellation, reported as ABORTED apart from TIMEOUT
 * @param hidden body fields besides the password that the log shows as `'***'` and answers never echo
 * @example
 * // internal: src/request.ts; the client calls it with its private credentials
 * const outcome = await callApi({ baseUrl: 'https://www.kwtsms.com/API/', timeoutMs: 15000 }, 'balance', { username, password });
 */
export async function callApi(
  config: TransportConfig,
  endpoint: string,
  body: Readonly<Record<string, unknown>>,
  signal?: AbortSignal,
  hidden: readonly string[] = [],
): Promise<ApiOutcome> {
  if (signal?.aborted) return failure('ABORTED', 'Cancelled before the request was sent.', signal.reason);
  // Looked up now, not at construction, so msw, polyfills and test doubles installed later still apply.
  const doFetch = config.fetch ?? (globalThis as { fetch?: typeof fetch }).fetch;
  if (typeof doFetch !== 'function') {
    return failure('NETWORK', 'This runtime has no global fetch: pass the `fetch` option.');
  }
  const ts = new Date().toISOString();
  const { timeoutMs } = config;
  const controller = new AbortController();
  const timeout = new DOMException(`No answer within ${timeoutMs} ms`, 'TimeoutError');
  // A timeout longer than any timer can hold means none (the timer would fire at once).
  const timer = timeoutMs <= MAX_TIMER_MS ? setTimeout(() => controller.abort(timeout), timeoutMs) : undefined;
  const unwatch = watchAbort(signal, () => controller.abort(signal?.reason));
  const secrets = [body.password, ...hidden.map((key) => body[key])];
  const { outcome, logged } = await exchange(doFetch, `${config.baseUrl}${endpoint}/`, body, secrets, controller.signal).then(
    parse,
    (error: unknown): Reading => ({ outcome: transportFailure(error, controller.signal.reason === timeout, timeoutMs, signal), logged: null }),
  );
  clearTimeout(timer);
  unwatch();
  writeLog(config, {
    ts,
    endpoint,
    request: maskRequest(body, hidden),
    response: logged,
    ok: outcome.ok,
    error: outcome.ok ? null : `${outcome.code}: ${outcome.description}`,
  });
  return outcome;
}
