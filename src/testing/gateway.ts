/**
 * The fake gateway's state machine: credentials, balance, sender IDs,
 * coverage, the 15-second rule, and what each endpoint answers. No I/O here:
 * it takes a decoded call and returns a JSON answer, so every rule can be
 * read, and tested, apart from the wire.
 */

import { MAX_BATCH_SIZE } from '../batch.js';
import { maskRequest } from '../log.js';
import { MAX_PAGES, messageInfo } from '../message.js';
import { splitNumbers } from '../recipients.js';
import { isFault } from './faults.js';
import type { FakeGatewayOptions, FakeRequest, FakeSentMessage, FakeState, Fault } from './types.js';
import { apiError, type IncomingCall, type JsonAnswer, type JsonObject } from './wire.js';

const SAME_NUMBER_WAIT_MS = 15_000;
// The gateway's clock is Asia/Kuwait: its `unix-timestamp` is seconds since the epoch plus three hours.
const GATEWAY_OFFSET_SECONDS = 3 * 3600;
const VALID_NUMBER = /^[0-9]{7,15}$/;
// Kuwait's operators send no delivery reports, so the real dlr endpoint never has one for them.
const NO_DLR_PREFIX = '965';

/** The state machine behind one fake: its public `state` and the two hooks the wire layer needs. */
export interface GatewayCore {
  state: FakeState;
  /** Logs the call (password masked) and returns the fault it must suffer, if one is queued. */
  receive(call: IncomingCall): Fault | undefined;
  /** What the gateway answers to a call that was not faulted. */
  answer(call: IncomingCall): JsonAnswer;
}

interface Ledger {
  balance: number;
  purchased: number;
  readonly senderIds: readonly string[];
  readonly coverage: readonly string[];
  readonly now: () => number;
  readonly sent: FakeSentMessage[];
  readonly requests: FakeRequest[];
  readonly faults: Fault[];
  readonly lastSentAt: Map<string, number>;
  readonly byId: Map<string, FakeSentMessage>;
}

type Endpoint = (ledger: Ledger, body: JsonObject) => JsonAnswer;

const ENDPOINTS: Readonly<Record<string, Endpoint>> = {
  balance: ({ balance, purchased }) => ok({ available: balance, purchased }),
  senderid: ({ senderIds }) => ok({ senderid: [...senderIds] }),
  coverage: ({ coverage }) => ok({ prefixes: [...coverage] }),
  validate,
  send,
  status,
  dlr,
};

/** Builds the state machine, validating options: a bad option is a programmer error and throws a `TypeError`. */
export function createGatewayCore(options: FakeGatewayOptions): GatewayCore {
  const ledger = openLedger(options);
  return {
    state: publicState(ledger),
    receive(call) {
      ledger.requests.push({ endpoint: call.endpoint, method: call.method, body: call.body && maskRequest(call.body) });
      return ledger.faults.shift();
    },
    answer({ method, endpoint, body }) {
      if (method !== 'POST') {
        return { status: 405, body: { result: 'ERROR', code: 'METHOD_NOT_ALLOWED', description: `The kwtSMS API accepts POST only, not ${method}` } };
      }
      const handle = Object.hasOwn(ENDPOINTS, endpoint) ? ENDPOINTS[endpoint] : undefined;
      if (handle === undefined) {
        return { status: 404, body: { result: 'ERROR', code: 'NOT_FOUND', description: `No such API endpoint: ${endpoint}` } };
      }
      if (body === null) return apiError('ERR002', 400, 'The request body is not a JSON object');
      return checkCredentials(options, body) ?? handle(ledger, body);
    },
  };
}

function openLedger(options: FakeGatewayOptions): Ledger {
  const balance = credits(options.balance ?? 1000, 'createFakeGateway: balance');
  const now = options.now ?? Date.now;
  if (typeof now !== 'function') throw new TypeError('createFakeGateway: now must be a function returning milliseconds');
  return {
    balance,
    purchased: credits(options.purchased ?? balance, 'createFakeGateway: purchased'),
    senderIds: strings(options.senderIds ?? ['KWT-SMS'], 'senderIds'),
    coverage: strings(options.coverage ?? ['965'], 'coverage'),
    now,
    sent: [],
    requests: [],
    faults: [],
    lastSentAt: new Map(),
    byId: new Map(),
  };
}

function publicState(ledger: Ledger): FakeState {
  return {
    get balance() {
      return ledger.balance;
    },
    set balance(value: number) {
      ledger.balance = credits(value, 'state.balance');
    },
    get purchased() {
      return ledger.purchased;
    },
    set purchased(value: number) {
      ledger.purchased = credits(value, 'state.purchased');
    },
    get sent() {
      return ledger.sent;
    },
    get requests() {
      return ledger.requests;
    },
    failNext(n: number, fault: Fault): void {
      if (!Number.isSafeInteger(n) || n < 0) throw new TypeError(`failNext: n must be a whole number >= 0, got ${String(n)}`);
      if (!isFault(fault)) throw new TypeError(`failNext: unknown fault ${JSON.stringify(fault)}`);
      ledger.faults.push(...Array<Fault>(n).fill(fault));
    },
    reset(): void {
      // Emptied in place so arrays a test already holds stay the live ones.
      ledger.sent.length = 0;
      ledger.requests.length = 0;
      ledger.faults.length = 0;
      ledger.lastSentAt.clear();
      ledger.byId.clear();
    },
  };
}

function checkCredentials(options: FakeGatewayOptions, body: JsonObject): JsonAnswer | undefined {
  const { username, password } = body;
  if (typeof username !== 'string' || username === '' || typeof password !== 'string' || password === '') {
    return apiError('ERR002');
  }
  const wrongUser = options.username !== undefined && username !== options.username;
  const wrongPassword = options.password !== undefined && password !== options.password;
  return wrongUser || wrongPassword ? apiError('ERR003') : undefined;
}

function validate(ledger: Ledger, body: JsonObject): JsonAnswer {
  const numbers = numberList(body.mobile);
  if (numbers === undefined) return apiError('ERR002');
  if (numbers.length > MAX_BATCH_SIZE) return apiError('ERR007');
  const mobile = { OK: [] as string[], ER: [] as string[], NR: [] as string[] };
  for (const number of numbers) {
    if (!VALID_NUMBER.test(number)) mobile.ER.push(number);
    else if (!covered(ledger, number)) mobile.NR.push(number);
    else mobile.OK.push(number);
  }
  return ok({ mobile });
}

/** The checks of a send, in the order the gateway makes them; `undefined` when the send is accepted. */
function refuseSend(ledger: Ledger, sender: string, message: string, numbers: string[], at: number): JsonAnswer | undefined {
  if (!ledger.senderIds.includes(sender)) return apiError('ERR008');
  if (message.trim() === '') return apiError('ERR009');
  if (numbers.length > MAX_BATCH_SIZE) return apiError('ERR007');
  const malformed = numbers.filter((number) => !VALID_NUMBER.test(number));
  if (malformed.length === numbers.length) return apiError('ERR006');
  if (malformed.length > 0) return apiError('ERR025');
  if (!numbers.every((number) => covered(ledger, number))) return apiError('ERR026');
  const { pages } = messageInfo(message);
  if (pages > MAX_PAGES) return apiError('ERR012');
  if (numbers.some((number) => at - (ledger.lastSentAt.get(number) ?? -Infinity) < SAME_NUMBER_WAIT_MS)) {
    return apiError('ERR028');
  }
  if (ledger.balance <= 0) return apiError('ERR010');
  if (ledger.balance < pages * numbers.length) return apiError('ERR011');
  return undefined;
}

function send(ledger: Ledger, body: JsonObject): JsonAnswer {
  const { sender, message } = body;
  const numbers = numberList(body.mobile);
  if (typeof sender !== 'string' || typeof message !== 'string' || numbers === undefined) return apiError('ERR002');
  const at = ledger.now();
  const refused = refuseSend(ledger, sender, message, numbers, at);
  if (refused !== undefined) return refused;

  const points = messageInfo(message).pages * numbers.length;
  // Test mode charges too: the real gateway holds the credits until the queued message is deleted.
  ledger.balance -= points;
  for (const number of numbers) ledger.lastSentAt.set(number, at);
  const record: FakeSentMessage = { msgId: messageId(), numbers, message, sender, test: isTestMode(body.test) };
  ledger.sent.push(record);
  ledger.byId.set(record.msgId, record);
  return ok({
    'msg-id': record.msgId,
    numbers: numbers.length,
    'points-charged': points,
    'balance-after': ledger.balance,
    'unix-timestamp': Math.floor(at / 1000) + GATEWAY_OFFSET_SECONDS,
  });
}

function status(ledger: Ledger, body: JsonObject): JsonAnswer {
  const found = lookUp(ledger, body.msgid, 'ERR029');
  if (!found.ok) return found.answer;
  if (found.message.test) return apiError('ERR030');
  return ok({ status: 'sent', description: 'Message successfully sent to gateway' });
}

function dlr(ledger: Ledger, body: JsonObject): JsonAnswer {
  const found = lookUp(ledger, body.msgid, 'ERR020');
  if (!found.ok) return found.answer;
  if (found.message.test) return apiError('ERR030');
  const report = found.message.numbers
    .filter((number) => !number.startsWith(NO_DLR_PREFIX))
    .map((number) => ({ Number: number, Status: 'Received by recipient' }));
  return report.length === 0 ? apiError('ERR021') : ok({ report });
}

function lookUp(
  ledger: Ledger,
  msgid: unknown,
  unknownCode: string,
): { ok: true; message: FakeSentMessage } | { ok: false; answer: JsonAnswer } {
  if (typeof msgid !== 'string' || msgid === '') return { ok: false, answer: apiError('ERR002') };
  const message = ledger.byId.get(msgid);
  return message === undefined ? { ok: false, answer: apiError(unknownCode) } : { ok: true, message };
}

function covered(ledger: Ledger, number: string): boolean {
  return ledger.coverage.some((prefix) => number.startsWith(prefix));
}

function ok(fields: JsonObject): JsonAnswer {
  return { status: 200, body: { result: 'OK', ...fields } };
}

/** The `mobile` field's numbers, deduplicated; `undefined` when the field is missing or blank. */
function numberList(mobile: unknown): string[] | undefined {
  const text = typeof mobile === 'number' ? String(mobile) : mobile;
  if (typeof text !== 'string' || text.trim() === '') return undefined;
  return [...new Set(splitNumbers(text))];
}

function isTestMode(test: unknown): boolean {
  return test === '1' || test === 1 || test === true;
}

/** 32 lowercase hex digits, like the gateway's msg-id. */
function messageId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function credits(value: number, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new TypeError(`${name} must be a finite number >= 0, got ${String(value)}`);
  }
  return value;
}

function strings(values: readonly string[], name: string): string[] {
  if (!Array.isArray(values) || !values.every((value) => typeof value === 'string')) {
    throw new TypeError(`createFakeGateway: ${name} must be an array of strings`);
  }
  return [...values];
}
