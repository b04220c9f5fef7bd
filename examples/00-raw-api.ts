/**
 * 00: the kwtSMS REST/JSON API by hand, no library: every endpoint, with its request and response.
 * Read it to know what the wire looks like, or to port the client to another language.
 *
 * Run: npx tsx examples/00-raw-api.ts
 * With KWTSMS_USERNAME and KWTSMS_PASSWORD in the environment (this file does not read .env)
 * it calls https://www.kwtsms.com/API/ in test mode; without them it calls the in-memory fake gateway.
 *
 * Rules of the wire:
 * - Always `POST {base}{endpoint}/` with a JSON body and `Content-Type: application/json`.
 *   Never GET: the credentials would end up in server logs.
 * - Every body carries `username` and `password` (the API credentials, not your mobile number).
 * - Errors are `{ "result": "ERROR", "code": "ERRnnn", "description": "..." }`, sometimes with an
 *   HTTP 4xx status: read the body whatever the status.
 * - At most 5 requests a second per IP (more gets the IP blocked); 2 a second is the safe pace.
 */
import { createFakeGateway } from 'kwtsms/testing';

const live = (process.env.KWTSMS_USERNAME ?? '') !== '' && (process.env.KWTSMS_PASSWORD ?? '') !== '';
const username = live ? (process.env.KWTSMS_USERNAME ?? '') : 'demo_user';
const password = live ? (process.env.KWTSMS_PASSWORD ?? '') : 'demo_pass';
const BASE = 'https://www.kwtsms.com/API/';
// Offline, the fake answers the same URLs in memory; `fetch` is the only thing swapped.
const doFetch: typeof fetch = live ? fetch : createFakeGateway({ coverage: ['965', '966'] }).fetch;
const phone = process.env.EXAMPLE_PHONE || '96598765432';
console.log(live ? `Calling ${BASE} as ${username}` : 'No credentials in the environment: calling the in-memory fake gateway');

async function call(endpoint: string, fields: Record<string, string> = {}): Promise<Record<string, unknown>> {
  const response = await doFetch(`${BASE}${endpoint}/`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ username, password, ...fields }),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text(); // read the body even on HTTP 403/500: it holds the error code
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    body = { result: 'ERROR', code: `HTTP ${response.status}`, description: 'not JSON: ' + text.slice(0, 60) };
  }
  console.log(`\nPOST ${endpoint}/ ${JSON.stringify({ username, password: '***', ...fields })}`);
  console.log(`  -> HTTP ${response.status} ${JSON.stringify(body)}`);
  return body;
}

// balance: {} -> { result: 'OK', available: 150, purchased: 500 }
await call('balance');

// senderid: {} -> { result: 'OK', senderid: ['KWT-SMS', 'MY-APP'] }
await call('senderid');

// coverage: {} -> { result: 'OK', prefixes: ['965', '966'] }
// (older accounts answer `coverage`, `list` or `countries`, items as strings, numbers or { prefix }).
await call('coverage');

// validate: { mobile: 'n1,n2,...' } (digits only, country code first, at most 200)
//   -> { result: 'OK', mobile: { OK: [routable], ER: [malformed], NR: [country not active] } }
await call('validate', { mobile: `${phone},447911123456,123` });

// send: { sender, mobile: 'n1,n2' (at most 200), message, test: '1' | '0' }
//   -> { result: 'OK', 'msg-id': 'f4c8…', numbers: 1, 'points-charged': 1, 'balance-after': 149,
//        'unix-timestamp': 1700000000 }   (server clock, GMT+3: not UTC)
// Save msg-id (for status and dlr) and balance-after (no need to call balance again).
// test '1' queues without delivering; the credits are held until you delete it from the queue.
// (Offline, the fake delivers nothing either way: test '0' there lets status and dlr answer OK.)
const sent = await call('send', {
  sender: process.env.KWTSMS_SENDER_ID || 'KWT-SMS',
  mobile: live ? phone : `${phone},966559876543`,
  message: 'Hello from the kwtSMS raw API example',
  test: live ? '1' : '0',
});
const msgid = typeof sent['msg-id'] === 'string' ? sent['msg-id'] : 'f4c841adee210f31307633ceaebff2ec';

// status: { msgid } -> { result: 'OK', status: 'sent', description: 'Message successfully sent to gateway' }
// A test-mode message stays in the queue: ERR030.
await call('status', { msgid });

// dlr: { msgid } -> { result: 'OK', report: [{ Number: '966559876543', Status: 'Received by recipient' }] }
// International numbers only (Kuwait numbers have none: ERR021); ask 5 minutes or more after sending.
await call('dlr', { msgid });

// A wrong password: HTTP 403 with { result: 'ERROR', code: 'ERR003', description: 'Authentication error…' }
if (!live) {
  const wrong = await createFakeGateway({ password: 'right' }).fetch(`${BASE}balance/`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'user', password: 'wrong' }),
  });
  console.log(`\nPOST balance/ with a wrong password -> HTTP ${wrong.status} ${await wrong.text()}`);
}
