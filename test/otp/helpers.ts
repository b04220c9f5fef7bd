/**
 * A one-time code service on the fake gateway with the memory store, sharing one clock the test
 * moves, plus what the tests read back: the codes the SMS carried, the client's log entries and
 * every record the store holds.
 */
import { KwtSMS, type LogEntry } from '../../src/index.js';
import { createOtp } from '../../src/otp/index.js';
import { memoryStoreOn, type MemoryRecord } from '../../src/otp/memory-store.js';
import type { OtpOptions } from '../../src/otp/options.js';
import type { OtpStore } from '../../src/otp/store.js';
import { createFakeGateway, type FakeGateway } from '../../src/testing/index.js';

export const SECRET = 'test secret: 32 bytes or more, never a real one';
export const PHONE = '96598765432';
export const START = Date.UTC(2026, 0, 1, 6, 0);
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

export interface Harness {
  otp: ReturnType<typeof createOtp>;
  fake: FakeGateway;
  sms: KwtSMS;
  logs: LogEntry[];
  records: Map<string, MemoryRecord>;
  store: OtpStore;
  /** Moves the shared clock (the store's and the gateway's). */
  advance(ms: number): void;
  now(): number;
  /** The code in the last SMS the gateway accepted: what the user reads. */
  lastCode(): string;
}

export function harness(options: Partial<OtpOptions> = {}): Harness {
  let now = START;
  const clock = (): number => now;
  const fake = createFakeGateway({ now: clock });
  const logs: LogEntry[] = [];
  const sms = new KwtSMS('user', 'pass', { fetch: fake.fetch, timeoutMs: 100, logger: (entry) => logs.push(entry) });
  const records = new Map<string, MemoryRecord>();
  const store = memoryStoreOn(records, clock);
  const otp = createOtp({ sms, secret: SECRET, store, appName: 'MYAPP', ...options });
  return {
    otp,
    fake,
    sms,
    logs,
    records,
    store,
    advance: (ms) => void (now += ms),
    now: clock,
    lastCode: () => /(\d{4,10})\s*$/.exec(fake.state.sent.at(-1)?.message ?? '')?.[1] ?? '',
  };
}

/** A code of the same length that is not `code`. */
export function wrongCode(code: string): string {
  return code.replace(/^./, (digit) => String((Number(digit) + 1) % 10));
}
