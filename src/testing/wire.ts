/**
 * The fake's edge: turning what a `fetch` call was given into an endpoint and a
 * JSON body, turning answers back into `Response`s, and the abort semantics of `fetch`.
 * Web globals only (`Request`, `Response`, `URL`), so the fake
 * runs wherever the library does.
 */

import { isRecord } from '../guards.js';
import { descriptionOf } from './descriptions.js';

export type JsonObject = Record<string, unknown>;

export interface JsonAnswer {
  status: number;
  body: JsonObject;
}

export interface IncomingCall {
  method: string;
  endpoint: string;
  /** The body parsed as a JSON object, or `null` when absent, not JSON, or not an object. */
  body: JsonObject | null;
}

// Relative URLs are fine in a browser's fetch; the fake only needs the path, so any base will do.
const PLACEHOLDER_BASE = 'http://fake.kwtsms.invalid/';

/** The signal `fetch` would honour: `init.signal` wins over the `Request`'s own, as in the spec. */
export function signalOf(input: string | URL | Request, init: RequestInit | undefined): AbortSignal | undefined {
  if (init?.signal !== undefined) return init.signal ?? undefined;
  return input instanceof Request ? input.signal : undefined;
}

/** Reads method, endpoint and body the way the real gateway would see them on the wire. */
export async function readCall(input: string | URL | Request, init: RequestInit | undefined): Promise<IncomingCall> {
  const isRequest = input instanceof Request;
  const url = new URL(isRequest ? input.url : String(input), PLACEHOLDER_BASE);
  const method = (init?.method ?? (isRequest ? input.method : 'GET')).toUpperCase();
  let text = '';
  if (init?.body !== undefined && init.body !== null) {
    // Response reads every BodyInit kind (string, bytes, Blob, URLSearchParams, stream) the same way fetch would send it.
    text = await new Response(init.body).text();
  } else if (isRequest && input.body !== null) {
    text = await input.text();
  }
  return { method, endpoint: endpointOf(url.pathname), body: parseObject(text) };
}

/** `/API/send/` → `send`: the last non-empty path segment, so any base path works. */
export function endpointOf(pathname: string): string {
  const segments = pathname.split('/').filter((segment) => segment !== '');
  return decodeURIComponent(segments.at(-1) ?? '');
}

function parseObject(text: string): JsonObject | null {
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) ? value : null;
  } catch {
    return null;
  }
}

/** The real gateway answers a bad login with HTTP 403 and a JSON body; every other API error comes with 200. */
function statusOfCode(code: string): number {
  return code === 'ERR003' ? 403 : 200;
}

/** The gateway's error shape, with its HTTP status. */
export function apiError(code: string, status = statusOfCode(code), description = descriptionOf(code)): JsonAnswer {
  return { status, body: { result: 'ERROR', code, description } };
}

/** Encodes an answer the way the gateway does. */
export function jsonResponse(answer: JsonAnswer): Response {
  return new Response(JSON.stringify(answer.body), {
    status: answer.status,
    headers: { 'Content-Type': 'application/json' },
  });
}

/** What `fetch` rejects with on abort: the signal's reason (an AbortError or TimeoutError DOMException). */
function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

/** Rejects at once when the signal is already aborted, as `fetch` does before sending anything. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) throw abortReason(signal);
}

/**
 * Settles only when the signal aborts: a server that took the request and went silent.
 * Uses no timer, so an un-aborted call keeps nothing alive (and, like a real hang, never settles).
 */
export function hang(signal: AbortSignal | undefined): Promise<never> {
  return new Promise<never>((_resolve, reject) => {
    if (signal === undefined) return;
    if (signal.aborted) {
      reject(abortReason(signal));
      return;
    }
    signal.addEventListener('abort', () => reject(abortReason(signal)), { once: true });
  });
}
