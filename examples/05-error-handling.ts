/**
 * 05: every kind of failure, staged on the fake gateway, and how to handle each. API methods never
 * throw for these: they resolve to a result with `code`, `description` (what happened) and
 * `action` (the fix, for developers). End users get a plain message instead (./user-messages.ts).
 * Only programmer errors throw: missing credentials, wrong argument types, bad options.
 *
 * Run: npx tsx examples/05-error-handling.ts
 * Always offline: it stages failures with the fake's `state.failNext(n, fault)`, which a real
 * account cannot do. The same code handles them when they come from the real gateway.
 */
import { KwtSMS, type SendResult } from 'kwtsms';
import { createFakeGateway } from 'kwtsms/testing';
import { createFakeClient } from './client.js';
import { userMessage } from './user-messages.js';

// Tiny waits so the demo is quick; the defaults are 15 s and 30/60/120 s (keep those in production).
const { sms, fake } = createFakeClient({ timeoutMs: 300, retryDelaysMs: [50, 100, 150] });
if (fake === undefined) throw new Error('unreachable: createFakeClient always has a fake');

let n = 0;
/** A fresh Kuwait number per case, so the 15-second same-number rule (ERR028) only fires on purpose. */
const nextPhone = (): string => `96550${String(++n).padStart(6, '0')}`;

function show(label: string, r: SendResult): void {
  console.log(`\n[${r.code ?? r.result}] ${label}`);
  console.log(`  result:      ${r.result}, batches ${r.batches}, sent to ${r.numbers}`);
  console.log(`  description: ${r.description}`);
  console.log(`  action:      ${r.action}`);
  console.log(`  user sees:   ${userMessage(r.code)}`);
  for (const { input, error } of r.invalid) console.log(`  invalid:     ${JSON.stringify(input)}: ${error}`);
}

const requestsSince = (start: number): number => fake.state.requests.length - start;

// --- Refused locally: no request is made, no credit is used.
show('No valid number', await sms.send(['123', 'not-a-phone', 'me@example.com'], 'Hello'));
show('Empty after cleaning (emojis and HTML only)', await sms.send(nextPhone(), '🎉🎉 <b></b>'));
show('Too long: more than 7 pages', await sms.send(nextPhone(), 'x'.repeat(153 * 7 + 1)));

// --- The gateway refuses.
const wrongPassword = new KwtSMS('demo_user', 'wrong-password', { fetch: createFakeGateway({ password: 'demo_pass' }).fetch });
show('Wrong credentials (verify() at startup catches this)', await wrongPassword.send(nextPhone(), 'Hello'));

fake.state.balance = 0;
show('Zero balance', await sms.send(nextPhone(), 'Hello'));
fake.state.balance = 2;
show('Not enough balance for 3 numbers', await sms.send([nextPhone(), nextPhone(), nextPhone()], 'Hello'));
fake.state.balance = 1000;

show('Sender ID not registered on the account', await sms.send(nextPhone(), 'Hello', { sender: 'NOT-MINE' }));
show('Country not activated', await sms.send('+966 55 987 6543', 'Hello'));

const same = nextPhone();
await sms.send(same, 'First message');
show('Same number again within 15 seconds', await sms.send(same, 'Second message'));

// --- Queue full (ERR013): retried automatically after retryDelaysMs, on every send path.
fake.state.failNext(2, 'ERR013');
let start = fake.state.requests.length;
const retried = await sms.send(nextPhone(), 'Hello');
console.log(`\n[${retried.result}] Queue full twice, then accepted: ${requestsSince(start)} requests, msg-id ${retried.msgId}`);
fake.state.failNext(4, 'ERR013');
start = fake.state.requests.length;
const full = await sms.send(nextPhone(), 'Hello');
show(`Queue still full after ${requestsSince(start)} attempts (1 + 3 retries)`, full);

// --- No usable answer. Never retried: the message may have been sent (check status() or the queue).
fake.state.failNext(1, 'NETWORK');
show('Network error (DNS, firewall, connection dropped)', await sms.send(nextPhone(), 'Hello'));
fake.state.failNext(1, 'TIMEOUT');
show('Timeout (no answer within timeoutMs)', await sms.send(nextPhone(), 'Hello'));
fake.state.failNext(1, 'HTTP_502');
show('Bad response: an HTML 502 page from a proxy', await sms.send(nextPhone(), 'Hello'));
fake.state.failNext(1, 'BAD_JSON');
show('Bad response: a body that is not JSON', await sms.send(nextPhone(), 'Hello'));

// --- Cancelled by your own AbortSignal (a user closed the page, a request deadline passed).
fake.state.failNext(1, 'TIMEOUT'); // the gateway goes silent, and we give up first
const controller = new AbortController();
setTimeout(() => controller.abort(), 50);
show('Aborted by the caller', await sms.send(nextPhone(), 'Hello', { signal: controller.signal }));

// --- Programmer errors throw, so they surface in development, not at a user.
for (const [label, attempt] of [
  ['Missing credentials', () => new KwtSMS('', '')],
  ['fromEnv with nothing set', () => KwtSMS.fromEnv({ env: {}, envFile: '' })],
  ['A sender ID over 11 characters', () => new KwtSMS('user', 'pass', { senderId: 'FAR-TOO-LONG-NAME' })],
] as const) {
  try {
    attempt();
  } catch (error) {
    console.log(`\n[throws] ${label}: ${(error as Error).name}: ${(error as Error).message}`);
  }
}
