import type { FakeGateway } from '../../src/testing/index.js';

export const URL_BASE = 'https://www.kwtsms.com/API/';
export const CREDS = { username: 'user', password: 'secret' };

/** POSTs a JSON body to an endpoint of the fake, the way the client does. */
export function post(
  fake: FakeGateway,
  endpoint: string,
  body: Record<string, unknown>,
  init: RequestInit = {},
): Promise<Response> {
  return fake.fetch(`${URL_BASE}${endpoint}/`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
    ...init,
  });
}

/** POSTs with credentials and returns the status and parsed JSON body. */
export async function api(
  fake: FakeGateway,
  endpoint: string,
  fields: Record<string, unknown> = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await post(fake, endpoint, { ...CREDS, ...fields });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** A send body for the default sender. */
export function sendFields(mobile: string, message = 'Hello', test = '0'): Record<string, unknown> {
  return { sender: 'KWT-SMS', mobile, message, test };
}

/** A clock the test moves by hand. */
export function manualClock(start = Date.UTC(2025, 0, 1, 9, 0, 0)): { now: () => number; advance(ms: number): void } {
  let time = start;
  return {
    now: () => time,
    advance(ms: number) {
      time += ms;
    },
  };
}
