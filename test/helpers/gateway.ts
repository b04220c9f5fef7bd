/**
 * Test helpers for the client suites: a recording msw gateway, fast clients,
 * number generators and the "nothing is lost" accounting check.
 */
import { http, HttpResponse } from 'msw';
import { expect } from 'vitest';
import { KwtSMS } from '../../src/client.js';
import { validatePhoneInput } from '../../src/phone.js';
import type { KwtSMSOptions, SendResult } from '../../src/types.js';
import { server } from '../msw.js';

export const BASE = 'https://www.kwtsms.com/API/';
export const USER = 'api_user';
export const PASSWORD = 'S3cr3t-P@ss';

/** One request as the gateway saw it. */
export interface Seen {
  url: string;
  method: string;
  headers: Headers;
  /** The raw body text. */
  text: string;
  /** The parsed JSON body (empty object when it was not JSON). */
  body: Record<string, unknown>;
  /** 0-based index of this request among those this handler saw. */
  call: number;
  /** performance.now() when the handler was entered. */
  at: number;
  /** performance.now() when the handler answered. */
  end?: number;
  /** Whether the handler answered a JSON `result: 'OK'`. */
  ok?: boolean;
}

export type Reply = (seen: Seen, request: Request) => Response | Record<string, unknown> | Promise<Response | Record<string, unknown>>;

function parse(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * Answers every method on `{base}{endpoint}/` with `reply` and records each request.
 * Registered for all methods so a test can prove the client only ever POSTs.
 */
export function gateway(endpoint: string, reply: Reply, base = BASE): Seen[] {
  const seen: Seen[] = [];
  server.use(
    http.all(`${base}${endpoint}/`, async ({ request }) => {
      const at = performance.now();
      const text = await request.text();
      const entry: Seen = { url: request.url, method: request.method, headers: request.headers, text, body: parse(text), call: seen.length, at };
      seen.push(entry);
      const answer = await reply(entry, request);
      entry.end = performance.now();
      if (answer instanceof Response) return answer;
      entry.ok = answer.result === 'OK';
      return HttpResponse.json(answer);
    }),
  );
  return seen;
}

/** The numbers of a send/validate request. */
export function mobiles(seen: Seen): string[] {
  const mobile = seen.body.mobile;
  return typeof mobile === 'string' ? mobile.split(',') : [];
}

/** An OK send answer for the numbers of the request. */
export function okSend(seen: Seen, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const count = mobiles(seen).length;
  return {
    result: 'OK',
    'msg-id': `msg-${seen.call}`,
    numbers: count,
    'points-charged': count,
    'balance-after': 1000 - count,
    'unix-timestamp': 1_700_000_000 + seen.call,
    ...extra,
  };
}

export function apiError(code: string, description = `description of ${code}`): Record<string, unknown> {
  return { result: 'ERROR', code, description };
}

/** Waits until the request is aborted (then answers a network error), or `maxMs` at most. */
export function hang(request: Request, maxMs = 5_000): Promise<Response> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(HttpResponse.json({ result: 'ERROR', code: 'HANG_CAP' })), maxMs);
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(HttpResponse.error());
    };
    if (request.signal.aborted) onAbort();
    else request.signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** A client with tiny delays so no test waits on the gateway's safety margins. */
export function client(options: KwtSMSOptions = {}): KwtSMS {
  return new KwtSMS(USER, PASSWORD, { batchDelayMs: 0, retryDelaysMs: [10, 20], timeoutMs: 2_000, ...options });
}

/** `n` distinct valid Kuwait mobile numbers, normalized. */
export function kuwaitNumbers(n: number, start = 0): string[] {
  return Array.from({ length: n }, (_, i) => `9659${String(start + i).padStart(7, '0')}`);
}

/**
 * The contract's accounting rule: every input is in an accepted batch's `mobile`, in
 * `errors[].numbers`, in `invalid`, or is a duplicate, and in exactly one of those.
 * `inputs` are single numbers (an array as given to send/sendBulk).
 */
export function expectAccounted(inputs: readonly string[], result: SendResult, seen: readonly Seen[]): void {
  const accepted = new Set(seen.filter((s) => s.ok === true).flatMap(mobiles));
  const failed = result.errors.flatMap((e) => e.numbers);
  expect(new Set(failed).size).toBe(failed.length);
  const failedSet = new Set(failed);
  const unique = new Set<string>();
  let invalidCount = 0;
  for (const input of inputs) {
    const [ok, error, normalized] = validatePhoneInput(input);
    if (!ok) {
      invalidCount++;
      expect(result.invalid).toContainEqual({ input, error });
      continue;
    }
    unique.add(normalized);
    const places = (accepted.has(normalized) ? 1 : 0) + (failedSet.has(normalized) ? 1 : 0);
    expect(places, `${normalized} must be accepted or in errors, once`).toBe(1);
  }
  expect(result.invalid).toHaveLength(invalidCount);
  expect(accepted.size + failedSet.size).toBe(unique.size);
}

/** Collects every string reachable from a value, for "the password never appears" checks. */
export function serialize(value: unknown): string {
  const seen = new WeakSet<object>();
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Error) {
      return { name: v.name, message: v.message, stack: v.stack, cause: (v as { cause?: unknown }).cause };
    }
    if (typeof v === 'object' && v !== null) {
      if (seen.has(v)) return '[circular]';
      seen.add(v);
    }
    return v;
  });
}

export const sleepMs = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
