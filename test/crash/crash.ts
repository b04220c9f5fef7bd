/**
 * Real crashes of a journaled bulk send: a child process sends a campaign
 * through fileJournal to the fake gateway served over HTTP on 127.0.0.1, the
 * test kills it with SIGKILL at a chosen moment, then another child resumes
 * the campaign from the journal file. What the gateway received is counted
 * here, in the test process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { chunk } from '../../src/batch.js';
import { validatePhoneInput } from '../../src/phone.js';
import { serveFake } from '../../src/testing/serve.js';
import { createFakeGateway, type FakeGateway } from '../../src/testing/index.js';
import type { SendResult } from '../../src/types.js';

const CHILD = fileURLToPath(new URL('./journal-child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The campaign: 12 distinct numbers in 6 batches of 2, two invalid inputs and two duplicates written otherwise. */
export const INPUTS: readonly string[] = [
  ...Array.from({ length: 12 }, (_, i) => `9659${String(i).padStart(7, '0')}`),
  'abc',
  '+965 9000 0001',
  '123',
  '0096590000003',
];
const VALID = [...new Set(INPUTS.flatMap((input) => (validatePhoneInput(input)[0] ? [validatePhoneInput(input)[2]] : [])))];
const BATCHES = chunk(VALID, 2);
export const BATCH_COUNT = BATCHES.length;

/**
 * When the first process is killed:
 * - `in-flight`: as batch `batch`'s request reaches the gateway, whose answer takes 60 ms;
 * - `after-begin`: once batch `batch`'s begin record is on the disk, before its request;
 * - `torn-outcome` / `torn-begin`: halfway through writing that record;
 * - `timer`: `ms` milliseconds after the send starts, wherever it is.
 */
export type Moment =
  | { kind: 'in-flight' | 'after-begin' | 'torn-outcome' | 'torn-begin'; batch: number }
  | { kind: 'timer'; ms: number };

/** The 1-based batch a send request carries, from its first number. */
function batchOf(mobile: unknown): number {
  const first = String(mobile).split(',')[0];
  return BATCHES.findIndex((batch) => batch[0] === first) + 1;
}

function start(baseUrl: string, journal: string, stop: string, batch: number): { child: ChildProcess; lines: string[]; waitFor: (line: string) => Promise<void>; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, baseUrl, journal, stop, String(batch), JSON.stringify(INPUTS)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters = new Map<string, () => void>();
  let buffered = '';
  child.stdout?.setEncoding('utf8').on('data', (text: string) => {
    buffered += text;
    const parts = buffered.split('\n');
    buffered = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      waiters.get(line)?.();
    }
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const waitFor = (line: string): Promise<void> =>
    lines.includes(line)
      ? Promise.resolve()
      : Promise.race([
          new Promise<void>((resolve) => waiters.set(line, resolve)),
          exited.then(() => {
            if (!lines.includes(line)) throw new Error(`the child exited before "${line}": ${stderr}`);
          }),
        ]);
  return { child, lines, waitFor, exited };
}

/** What one crash and resume did. */
export interface CrashRun {
  moment: Moment;
  /** How many send requests the gateway received for each batch (index 0 is batch 1), over both processes. */
  requests: number[];
  /** Whether the first process was killed (a late timer finds it done). */
  killed: boolean;
  resumed: SendResult;
  fake: FakeGateway;
}

/** Kills a send at `moment`, resumes it in another process, and returns what happened. */
export async function crashAndResume(moment: Moment): Promise<CrashRun> {
  const dir = mkdtempSync(join(tmpdir(), 'kwtsms-crash-'));
  const journal = join(dir, 'campaign.jsonl');
  const fake = createFakeGateway({ latencyMs: 60 });
  let onArrival = (_batch: number): void => undefined;
  const server = await serveFake(async (url, init) => {
    const body = JSON.parse(String(init.body)) as Record<string, unknown>;
    if (url.endsWith('/send/')) onArrival(batchOf(body.mobile));
    return fake.fetch(url, init);
  });
  try {
    const stop = moment.kind === 'in-flight' || moment.kind === 'timer' ? 'none' : moment.kind;
    const first = start(server.url, journal, stop, 'batch' in moment ? moment.batch : 0);
    let killed = false;
    const kill = (): void => {
      killed = first.child.exitCode === null && first.child.kill('SIGKILL');
    };
    if (moment.kind === 'in-flight') onArrival = (batch) => batch === moment.batch && kill();
    await first.waitFor('STARTED');
    if (moment.kind === 'timer') setTimeout(kill, moment.ms);
    else if (moment.kind !== 'in-flight') {
      await first.waitFor('PAUSED');
      kill();
    }
    await first.exited;
    onArrival = () => undefined;
    const second = start(server.url, journal, 'none', 0);
    expect(await second.exited).toBe(0);
    const resumed = JSON.parse(second.lines.at(-1) ?? '') as SendResult;
    const requests = BATCHES.map((_, i) => fake.state.requests.filter((r) => r.endpoint === 'send' && batchOf(r.body?.mobile) === i + 1).length);
    return { moment, requests, killed, resumed, fake };
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The invariants of any crash and resume: no batch requested twice; every batch accepted or
 * INTERRUPTED (never re-sent on its own); every input in exactly one of an accepted batch,
 * `errors[].numbers`, `invalid`, or a duplicate; the moment's own batch where it must be.
 */
export function expectSafe({ moment, requests, killed, resumed, fake }: CrashRun): void {
  expect(requests.every((n) => n <= 1), `requests per batch: ${requests.join(',')}`).toBe(true);
  const accepted = new Set(resumed.msgIds);
  const acceptedNumbers = fake.state.sent.filter((m) => accepted.has(m.msgId)).flatMap((m) => m.numbers);
  expect(acceptedNumbers).toHaveLength(resumed.numbers);
  for (const error of resumed.errors) {
    expect(error.code).toBe('INTERRUPTED');
    expect(error.numbers).toEqual(BATCHES[error.batch - 1]);
  }
  expect(resumed.batches).toBe(BATCH_COUNT - resumed.errors.length);
  const places = [...acceptedNumbers, ...resumed.errors.flatMap((e) => e.numbers)];
  expect([...places].sort()).toEqual([...VALID].sort());
  expect(resumed.invalid.map((entry) => entry.input)).toEqual(['abc', '123']);
  // The rest of the inputs are the two duplicates.
  expect(INPUTS.length - resumed.invalid.length - VALID.length).toBe(2);

  if (moment.kind === 'timer') return;
  expect(killed).toBe(true);
  const own = resumed.errors.find((e) => e.batch === moment.batch);
  if (moment.kind === 'torn-begin') {
    // A begin never fully written: the request was never made, so the resume sends the batch.
    expect(own).toBeUndefined();
    expect(requests[moment.batch - 1]).toBe(1);
    return;
  }
  expect(own?.code).toBe('INTERRUPTED');
  expect(requests[moment.batch - 1]).toBe(moment.kind === 'after-begin' ? 0 : 1);
}
