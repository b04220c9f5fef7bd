/**
 * The fake gateway's state machine: credentials, balance, sender IDs,
 * coverage, the 15-second rule, and what each endpoint answers. No I/O here:
 * it takes a decoded call and returns a JSON answer, so every rule can be
 * read, and tested, apart from the wire.
 */

import { messageInfo } from '../message.js';
import { isFault } from './faults.js';
import type { FakeGatewayOptions, FakeRequest, FakeSentMessage, FakeState, Fault } from './types.js';
import { apiError, type IncomingCall, type JsonAnswer, type JsonObject } from './wire.js';

const ENDPOINTS = new Set(['balance', 'senderid', 'coverage', 'validate', 'send', 'status', 'dlr']);
const MAX_NUMBERS = 200;
const MAX_PAGES = 7;
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

/** Builds the state machine, validating options: a bad option is a programmer error and throws a `TypeError`. */
export function createGatewayCore(options: FakeGatewayOptions): GatewayCore {
  const initialBalance = credits(options.balance ?? 1000, 'createFakeGateway: balance');
  let balance = initialBalance;
  let purchased = credits(options.purchased ?? initialBalance, 'createFakeGateway: purchased');
  const senderIds = strings(options.senderIds ?? ['KWT-SMS'], 'senderIds');
  const coverage = strings(options.coverage ?? ['965'], 'coverage');
  const now = options.now ?? Date.now;
  if (typeof now !== 'function') throw new TypeError('createFakeGateway: now must be a function returning milliseconds');

  const sent: FakeSentMessage[] = [];
  const requests: FakeRequest[] = [];
  const faults: Fault[] = [];
  const lastSentAt = new Map<string, number>();
  const byId = new Map<string, FakeSentMessage>();

  const state: FakeState = {
    get balance() {
      return balance;
    },
    set balance(value: number) {
      balance = credits(value, 'state.balance');
    },
    get purchased() {
      return purchased;
    },
    set purchased(value: number) {
      purchased = credits(value, 'state.purchased');
    },
    get sent() {
      return sent;
    },
    get requests() {
      return requests;
    },
    failNext(n: number, fault: Fault): void {
      if (!Number.isSafeInteger(n) || n < 0) throw new TypeError(`failNext: n must be a whole number >= 0, got ${String(n)}`);
      if (!isFault(fault)) throw new TypeError(`failNext: unknown fault ${JSON.stringify(fault)}`);
      for (let i = 0; i < n; i++) faults.push(fault);
    },
    reset(): void {
      // Emptied in place so arrays a test already holds stay the live ones.
      sent.length = 0;
      requests.length = 0;
      faults.length = 0;
      lastSentAt.clear();
      byId.clear();
    },
  };

  function checkCredentials(body: JsonObject): JsonAnswer | undefined {
    const { username, password } = body;
    if (typeof username !== 'string' || username === '' || typeof password !== 'string' || password === '') {
      return apiError('ERR002');
    }
    const wrongUser = options.username !== undefined && username !== options.username;
    const wrongPassword = options.password !== undefined && password !== options.password;
    return wrongUser || wrongPassword ? apiError('ERR003') : undefined;
  }

  function validate(body: JsonObject): JsonAnswer {
    const numbers = numberList(body.mobile);
    if (numbers === undefined) return apiError('ERR002');
    if (numbers.length > MAX_NUMBERS) return apiError('ERR007');
    const mobile = { OK: [] as string[], ER: [] as string[], NR: [] as string[] };
    for (const number of numbers) {
      if (!VALID_NUMBER.test(number)) mobile.ER.push(number);
      else if (!covered(number)) mobile.NR.push(number);
      else mobile.OK.push(number);
    }
    return ok({ mobile });
  }

  function send(body: JsonObject): JsonAnswer {
    const { sender, message } = body;
    const numbers = numberList(body.mobile);
    if (typeof sender !== 'string' || typeof message !== 'string' || numbers === undefined) return apiError('ERR002');
    if (!senderIds.includes(sender)) return apiError('ERR008');
    if (message.trim() === '') return apiError('ERR009');
    if (numbers.length > MAX_NUMBERS) return apiError('ERR007');
    const malformed = numbers.filter((number) => !VALID_NUMBER.test(number));
    if (malformed.length === numbers.length) return apiError('ERR006');
    if (malformed.length > 0) return apiError('ERR025');
    if (!numbers.every(covered)) return apiError('ERR026');
    const { pages } = messageInfo(message);
    if (pages > MAX_PAGES) return apiError('ERR012');
    const at = now();
    if (numbers.some((number) => at - (lastSentAt.get(number) ?? -Infinity) < SAME_NUMBER_WAIT_MS)) {
      return apiError('ERR028');
    }
    const points = pages * numbers.length;
    if (balance <= 0) return apiError('ERR010');
    if (balance < points) return apiError('ERR011');

    // Test mode charges too: the real gateway holds the credits until the queued message is deleted.
    balance -= points;
    for (const number of numbers) lastSentAt.set(number, at);
    const record: FakeSentMessage = { msgId: messageId(), numbers, message, sender, test: isTestMode(body.test) };
    sent.push(record);
    byId.set(record.msgId, record);
    return ok({
      'msg-id': record.msgId,
      numbers: numbers.length,
      'points-charged': points,
      'balance-after': balance,
      'unix-timestamp': Math.floor(at / 1000) + GATEWAY_OFFSET_SECONDS,
    });
  }

  function status(body: JsonObject): JsonAnswer {
    const found = lookUp(body.msgid, 'ERR029');
    if (!('msgId' in found)) return found;
    if (found.test) return apiError('ERR030');
    return ok({ status: 'sent', description: 'Message successfully sent to gateway' });
  }

  function dlr(body: JsonObject): JsonAnswer {
    const found = lookUp(body.msgid, 'ERR020');
    if (!('msgId' in found)) return found;
    if (found.test) return apiError('ERR030');
    const report = found.numbers
      .filter((number) => !number.startsWith(NO_DLR_PREFIX))
      .map((number) => ({ Number: number, Status: 'Received by recipient' }));
    return report.length === 0 ? apiError('ERR021') : ok({ report });
  }

  function lookUp(msgid: unknown, unknownCode: string): FakeSentMessage | JsonAnswer {
    if (typeof msgid !== 'string' || msgid === '') return apiError('ERR002');
    return byId.get(msgid) ?? apiError(unknownCode);
  }

  function covered(number: string): boolean {
    return coverage.some((prefix) => number.startsWith(prefix));
  }

  return {
    state,
    receive(call) {
      requests.push({ endpoint: call.endpoint, method: call.method, body: masked(call.body) });
      return faults.shift();
    },
    answer({ method, endpoint, body }) {
      if (method !== 'POST') {
        return { status: 405, body: { result: 'ERROR', code: 'METHOD_NOT_ALLOWED', description: `The kwtSMS API accepts POST only, not ${method}` } };
      }
      if (!ENDPOINTS.has(endpoint)) {
        return { status: 404, body: { result: 'ERROR', code: 'NOT_FOUND', description: `No such API endpoint: ${endpoint}` } };
      }
      if (body === null) return apiError('ERR002', 400, 'The request body is not a JSON object');
      const refused = checkCredentials(body);
      if (refused !== undefined) return refused;
      switch (endpoint) {
        case 'balance':
          return ok({ available: balance, purchased });
        case 'senderid':
          return ok({ senderid: [...senderIds] });
        case 'coverage':
          return ok({ prefixes: [...coverage] });
        case 'validate':
          return validate(body);
        case 'send':
          return send(body);
        case 'status':
          return status(body);
        default:
          return dlr(body);
      }
    },
  };
}

function ok(fields: JsonObject): JsonAnswer {
  return { status: 200, body: { result: 'OK', ...fields } };
}

/** `"n1, n2,,n3"` → `['n1', 'n2', 'n3']`, deduplicated; `undefined` when the field is missing or blank. */
function numberList(mobile: unknown): string[] | undefined {
  const text = typeof mobile === 'number' ? String(mobile) : mobile;
  if (typeof text !== 'string' || text.trim() === '') return undefined;
  const numbers = text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  return [...new Set(numbers)];
}

function isTestMode(test: unknown): boolean {
  return test === '1' || test === 1 || test === true;
}

/** 32 lowercase hex digits, like the gateway's msg-id. */
function messageId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function masked(body: JsonObject | null): JsonObject | null {
  if (body === null) return null;
  return 'password' in body ? { ...body, password: '***' } : { ...body };
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
