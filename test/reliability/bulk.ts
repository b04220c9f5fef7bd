/**
 * The bulk invariant under random faults, as a fast-check property: a random list (0 to 2,000
 * inputs, with duplicates in other spellings and invalid ones), a random batch size, and random
 * per-request faults from the fake gateway. Shared by the normal suite (50 runs) and the stress
 * suite (1,000 runs).
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { chunk } from '../../src/batch.js';
import { KwtSMS } from '../../src/client.js';
import { messageInfo } from '../../src/message.js';
import { validatePhoneInput } from '../../src/phone.js';
import { createFakeGateway, type Fault } from '../../src/testing/index.js';
import type { SendResult } from '../../src/types.js';
import { mulberry32, SEED } from './support.js';

// Weighted: a TIMEOUT costs a real wait of timeoutMs, the others nothing.
const FAULTS: readonly Fault[] = ['ERR013', 'ERR013', 'ERR013', 'ERR011', 'ERR011', 'ERR028', 'ERR028', 'NETWORK', 'NETWORK', 'HTTP_502', 'HTTP_502', 'TIMEOUT'];
const RETRY_DELAYS_MS = [0, 0];
const TIMEOUT_MS = 20;

/** What the gateway did with one request, as seen between the client and the fake. */
interface Attempt {
  mobile: string;
  /** 'OK', an API code, 'HTTP_502', or 'REJECTED' (the fetch rejected: a timeout or a reset). */
  outcome: string;
}

export interface BulkPlan {
  size: number;
  listSeed: number;
  batchSize: number;
  faultRate: number;
  faultSeed: number;
  message: string;
  balance: number;
}

export const bulkPlan: fc.Arbitrary<BulkPlan> = fc.record({
  size: fc.oneof(fc.integer({ min: 0, max: 2_000 }), fc.integer({ min: 0, max: 40 })),
  listSeed: fc.integer(),
  batchSize: fc.oneof(fc.integer({ min: 1, max: 200 }), fc.constantFrom(1, 2, 199, 200)),
  faultRate: fc.constantFrom(0, 0.02, 0.1, 0.3, 1),
  faultSeed: fc.integer(),
  message: fc.constantFrom('Your code is 1234', 'رمز التحقق ١٢٣٤', 'x'.repeat(400), '{[€]}'.repeat(40)),
  // Mostly plenty; sometimes so little that the fake itself answers ERR011 or ERR010.
  balance: fc.constantFrom(1e9, 1e9, 1e9, 300),
});


const INVALID = ['', '   ', '123', 'a@b.com', 'not a number', '96512345678', '+965 1234', '0000000', '1234567890123456', '٠٠٠'];

function spell(number: string, style: number): string {
  switch (style) {
    case 1:
      return `+${number}`;
    case 2:
      return `00${number}`;
    case 3:
      return ` +${number.slice(0, 3)} ${number.slice(3, 7)}-${number.slice(7)} `;
    case 4:
      return number.replace(/[0-9]/g, (d) => String.fromCharCode(0x0660 + Number(d)));
    default:
      return number;
  }
}

/** `size` inputs: new valid Kuwait mobiles, earlier ones spelled another way, and invalid ones. */
export function makeList(size: number, seed: number): string[] {
  const random = mulberry32(seed);
  const valid: string[] = [];
  const list: string[] = [];
  for (let i = 0; i < size; i++) {
    const r = random();
    if (r < 0.15 && valid.length > 0) {
      list.push(spell(valid[Math.floor(random() * valid.length)] ?? '', Math.floor(random() * 5)));
    } else if (r < 0.3) {
      list.push(INVALID[Math.floor(random() * INVALID.length)] ?? '');
    } else {
      const number = `965${'4569'[Math.floor(random() * 4)]}${String(Math.floor(random() * 1e7)).padStart(7, '0')}`;
      valid.push(number);
      list.push(spell(number, Math.floor(random() * 5)));
    }
  }
  return list;
}

/** How many timeouts came after the fake had already answered (a slow event loop): their batch was sent. */
export interface RunStats {
  requests: number;
  lateAnswers: number;
  /** Tries after an ERR013. */
  retries: number;
  /** Batches lost to a timeout or a reset (never retried). */
  unknownFate: number;
  partial: number;
}

/** One run: sends, then checks every rule of the contract against the fake's own records. */
export async function checkBulkRun(plan: BulkPlan): Promise<RunStats> {
  const inputs = makeList(plan.size, plan.listSeed);
  const fake = createFakeGateway({ balance: plan.balance });
  const startBalance = fake.state.balance;
  const random = mulberry32(plan.faultSeed);
  const attempts: Attempt[] = [];

  const fetchWithFaults = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const body = JSON.parse(typeof init?.body === 'string' ? init.body : '{}') as Record<string, unknown>;
    if (random() < plan.faultRate) fake.state.failNext(1, FAULTS[Math.floor(random() * FAULTS.length)] ?? 'ERR013');
    const attempt: Attempt = { mobile: String(body.mobile), outcome: 'PENDING' };
    attempts.push(attempt);
    try {
      const response = await fake.fetch(input, init);
      const text = await response.clone().text();
      attempt.outcome =
        response.status === 502 ? 'HTTP_502' : ((JSON.parse(text) as { code?: string; result?: string }).code ?? 'OK');
      return response;
    } catch (error) {
      attempt.outcome = 'REJECTED';
      throw error;
    }
  };

  const client = new KwtSMS('user', 'pass', {
    fetch: fetchWithFaults,
    batchSize: plan.batchSize,
    batchDelayMs: 0,
    retryDelaysMs: RETRY_DELAYS_MS,
    timeoutMs: TIMEOUT_MS,
  });
  const result: SendResult = await client.sendBulk(inputs, plan.message);

  // The model: what validation and deduplication must give.
  const valid: string[] = [];
  const seen = new Set<string>();
  const invalid: { input: string; error: string }[] = [];
  let duplicates = 0;
  for (const input of inputs) {
    const [ok, error, normalized] = validatePhoneInput(input);
    if (!ok) invalid.push({ input, error: error ?? '' });
    else if (seen.has(normalized)) duplicates++;
    else {
      seen.add(normalized);
      valid.push(normalized);
    }
  }
  expect(valid.length + invalid.length + duplicates).toBe(inputs.length);
  expect(result.invalid).toEqual(invalid);
  expect(attempts.every((a) => a.outcome !== 'PENDING')).toBe(true);

  if (valid.length === 0) {
    expect(result).toMatchObject({ result: 'ERROR', code: 'ERR_INVALID_INPUT', batches: 0, errors: [], msgIds: [], numbers: 0 });
    expect(fake.state.requests).toHaveLength(0);
    return { requests: 0, lateAnswers: 0, retries: 0, unknownFate: 0, partial: 0 };
  }

  const batches = chunk(valid, plan.batchSize);
  const batchOf = new Map(batches.map((b, i) => [b.join(','), i]));
  expect(result.batches).toBe(batches.length);

  // Requests per batch: every batch was tried; only ERR013 is ever followed by another try of the same
  // batch, so nothing is sent twice after a timeout, a reset or any other answer.
  const sendRequests = fake.state.requests.filter((r) => r.endpoint === 'send');
  expect(sendRequests).toHaveLength(attempts.length);
  const tries = new Map<string, string[]>();
  for (const attempt of attempts) tries.set(attempt.mobile, [...(tries.get(attempt.mobile) ?? []), attempt.outcome]);
  for (const request of sendRequests) expect(tries.has(String(request.body?.mobile))).toBe(true);
  expect([...tries.keys()].every((mobile) => batchOf.has(mobile))).toBe(true);
  expect(tries.size).toBe(batches.length);
  for (const outcomes of tries.values()) {
    expect(outcomes.length).toBeLessThanOrEqual(1 + RETRY_DELAYS_MS.length);
    expect(outcomes.slice(0, -1).every((o) => o === 'ERR013')).toBe(true);
  }

  // Errors: in batch order, each with its batch's numbers and the code of its last try.
  const failedBatches = result.errors.map((e) => e.batch);
  expect(failedBatches).toEqual([...failedBatches].sort((a, b) => a - b));
  let lateAnswers = 0;
  for (const error of result.errors) {
    const numbers = batches[error.batch - 1] ?? [];
    expect(error.numbers).toEqual(numbers);
    expect(error.action ?? '').not.toBe('');
    const last = tries.get(numbers.join(','))?.at(-1);
    const expected = last === 'REJECTED' ? ['TIMEOUT', 'NETWORK'] : last === 'HTTP_502' ? ['BAD_RESPONSE'] : [last];
    // A timeout that struck after the fake had answered (the event loop was slow) is still a timeout.
    if (last === 'OK' && error.code === 'TIMEOUT') lateAnswers++;
    else expect(expected).toContain(error.code);
  }

  // Every input is in exactly one place: an accepted batch, errors[].numbers, invalid, or a duplicate.
  const acceptedIds = new Set(result.msgIds);
  const accepted = fake.state.sent.filter((s) => acceptedIds.has(s.msgId));
  expect(accepted).toHaveLength(result.msgIds.length);
  // Sent by the fake but not known to the client: only a batch whose answer came after its timeout.
  expect(fake.state.sent.length - accepted.length).toBe(lateAnswers);
  const places = new Map<string, number>();
  for (const number of [...accepted.flatMap((s) => s.numbers), ...result.errors.flatMap((e) => e.numbers)]) {
    places.set(number, (places.get(number) ?? 0) + 1);
  }
  expect(places.size).toBe(valid.length);
  expect(valid.filter((number) => places.get(number) !== 1)).toEqual([]);

  // Totals add up against the fake.
  const pages = messageInfo(plan.message).pages;
  const acceptedInOrder = [...accepted].sort((a, b) => (batchOf.get(a.numbers.join(',')) ?? 0) - (batchOf.get(b.numbers.join(',')) ?? 0));
  expect(result.msgIds).toEqual(acceptedInOrder.map((s) => s.msgId));
  expect(result.msgId).toBe(result.msgIds[0]);
  expect(result.numbers).toBe(accepted.reduce((n, s) => n + s.numbers.length, 0));
  expect(result.pointsCharged).toBe(accepted.reduce((n, s) => n + s.numbers.length * pages, 0));
  if (lateAnswers === 0) {
    expect(startBalance - fake.state.balance).toBe(result.pointsCharged);
    if (accepted.length > 0) {
      expect(result.balanceAfter).toBe(fake.state.balance);
      expect(client.cachedBalance).toBe(fake.state.balance);
    }
  }

  // The verdict matches the batches.
  expect(result.msgIds.length + result.errors.length).toBe(batches.length);
  const firstError = result.errors[0];
  if (firstError === undefined) {
    expect(result.result).toBe('OK');
    expect(result.code).toBeUndefined();
    expect(result.action).toBeUndefined();
  } else {
    expect(result.result).toBe(result.msgIds.length > 0 ? 'PARTIAL' : 'ERROR');
    expect(result.code).toBe(firstError.code);
    expect(result.action).toBe(firstError.action);
    expect(result.description ?? '').not.toBe('');
  }
  return {
    requests: attempts.length,
    lateAnswers,
    retries: attempts.length - tries.size,
    unknownFate: result.errors.filter((e) => e.code === 'TIMEOUT' || e.code === 'NETWORK').length,
    partial: result.result === 'PARTIAL' ? 1 : 0,
  };
}

/** Runs the property `numRuns` times with the shared seed and reports what it exercised. */
export async function checkBulkInvariant(numRuns: number): Promise<RunStats & { runs: number }> {
  const totals = { runs: 0, requests: 0, lateAnswers: 0, retries: 0, unknownFate: 0, partial: 0 };
  await fc.assert(
    fc.asyncProperty(bulkPlan, async (plan) => {
      const stats = await checkBulkRun(plan);
      totals.runs++;
      totals.requests += stats.requests;
      totals.lateAnswers += stats.lateAnswers;
      totals.retries += stats.retries;
      totals.unknownFate += stats.unknownFate;
      totals.partial += stats.partial;
    }),
    { seed: SEED, numRuns },
  );
  return totals;
}
