/**
 * The one transport: POST a JSON body to `{baseUrl}{endpoint}/`, with a
 * per-request timeout joined to the caller's signal, and every failure turned
 * into a value. Nothing here throws or rejects.
 */
import { watchAbort } from './abort.js';
import { failure, type ApiOutcome } from './errors.js';
import { maskRequest, writeLog, type LogTarget } from './log.js';
import { MAX_TIMER_MS } from './retry.js';

/** What the transport needs from the client. */
export interface TransportConfig extends LogTarget {
  baseUrl: string;
  timeoutMs: number;
  fetch?: typeof fetch | undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `value` when it is a non-empty string. */
function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The error's message, with its cause's: undici hides the real reason (ECONNREFUSED...) in the cause. */
function errorMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const { cause } = error;
  return cause instanceof Error && cause.message !== '' ? `${error.message} (${cause.message})` : error.message;
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
  for (const secret of secrets) {
    // As sent, and JSON-escaped once and twice (a JSON body quoted inside a JSON description).
    for (let form = secret, i = 0; typeof form === 'string' && form !== '' && i < 3; form = JSON.stringify(form).slice(1, -1), i++) {
      text = text.replaceAll(form, '***');
    }
  }
  return text;
}

/** Turns a parsed body into an outcome; anything but `{ result: 'OK' | 'ERROR' }` is BAD_RESPONSE. */
function interpret(body: unknown, status: number): ApiOutcome {
  if (!isObject(body) || typeof body.result !== 'string') {
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
  const stop = (reason: unknown): void => controller.abort(reason);
  let timedOut = false;
  // A timeout longer than any timer can hold means none (the timer would fire at once).
  const timer =
    timeoutMs <= MAX_TIMER_MS
      ? setTimeout(() => {
          timedOut = true;
          stop(new DOMException(`No answer within ${timeoutMs} ms`, 'TimeoutError'));
        }, timeoutMs)
      : undefined;
  const unwatch = watchAbort(signal, () => stop(signal?.reason));
  // Raced against the fetch and the body read, so a `fetch` that ignores its signal still cannot hang a call.
  const stopped = new Promise<never>((_, reject) =>
    controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true }),
  );
  stopped.catch(() => {});

  let status = 0;
  // What the log shows: the parsed body, its text when it is not JSON, or null when none came.
  let response: unknown = null;
  let outcome: ApiOutcome;
  try {
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
    status = res.status;
    // The gateway puts JSON errors in 4xx bodies, so the body is read whatever the status.
    const text = scrub(await Promise.race([res.text(), stopped]), [body.password, ...hidden.map((key) => body[key])]);
    response = text;
    response = JSON.parse(text);
    outcome = interpret(response, status);
  } catch (error) {
    // Once the text is in, only JSON.parse can throw.
    outcome =
      typeof response === 'string'
        ? failure('BAD_RESPONSE', `The API answered HTTP ${status} with ${response.trim() ? 'a body that is not JSON' : 'an empty body'}.`, error)
        : timedOut
          ? failure('TIMEOUT', `No answer from the kwtSMS API within ${timeoutMs} ms.`, error)
          : signal?.aborted
            ? failure('ABORTED', 'Cancelled by the AbortSignal.', signal.reason)
            : failure('NETWORK', `Could not reach the kwtSMS API: ${errorMessage(error)}`, error);
  } finally {
    clearTimeout(timer);
    unwatch();
  }
  writeLog(config, {
    ts,
    endpoint,
    request: maskRequest(body, hidden),
    response,
    ok: outcome.ok,
    error: outcome.ok ? null : `${outcome.code}: ${outcome.description}`,
  });
  return outcome;
}
