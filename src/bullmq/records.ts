/**
 * The batch records in Redis: what a campaign (or one transactional send) is,
 * and each batch's state - planned, begun, done - changed only by Lua scripts,
 * so every transition is one atomic step seen the same by every process.
 * A batch that began with no outcome is INTERRUPTED when its job runs again.
 */
import type { InvalidEntry } from '../types.js';
import { CONFIRM_LUA, GATE_LUA } from './gate.js';

/** How long a campaign's records live after their last change. */
export const CAMPAIGN_TTL_MS = 30 * 24 * 3_600_000;
/** How long a transactional send's records live: idempotency by id holds this long. */
export const SEND_TTL_MS = 24 * 3_600_000;

/** The part of BullMQ's Redis client this module uses; BullMQ's own client has it. */
export interface ScriptClient {
  defineCommand(name: string, definition: { numberOfKeys: number; lua: string }): void;
  runCommand(name: string, args: (string | number)[]): Promise<unknown>;
}

/** A batch error as stored: the numbers travel with it, so a finished campaign needs no other read. */
export interface StoredError {
  code: string;
  description: string;
  action?: string;
  numbers: string[];
}

/** A batch's outcome as stored, JSON. */
export interface BatchOutcome {
  /** A request was made, or may have been (INTERRUPTED, TIMEOUT). */
  sent: boolean;
  /** When the outcome was recorded (the worker's clock), to find the freshest balance. */
  at: number;
  msgIds: string[];
  numbers: number;
  points: number;
  balanceAfter?: number;
  unixTimestamp?: number;
  errors: StoredError[];
  invalid: InvalidEntry[];
}

/** What a campaign is, as `create` stores it. */
export interface Plan {
  kind: 'campaign' | 'send';
  message: string;
  sender?: string | undefined;
  test?: boolean | undefined;
  redact: boolean;
  batches: string[][];
  numbers: number;
  duplicates: number;
  invalid: InvalidEntry[];
  /** A refusal before any job: no batch, and this error holds every valid number. */
  refused?: StoredError | undefined;
}

/** The figures of a stored campaign. */
export interface Stored {
  kind: 'campaign' | 'send';
  batches: number;
  numbers: number;
  duplicates: number;
  invalid: InvalidEntry[];
  refused?: StoredError;
  /** The jobs were all added (a crash between creating the records and adding them leaves this false). */
  queued: boolean;
}

/** What a worker needs to send one batch. */
export interface BatchWork {
  message: string;
  sender?: string;
  test?: boolean;
  redact: boolean;
  numbers: string[];
}

/** The answer of `start`: go now, wait, the queue is paused, or the batch must not be sent. */
export type Start =
  | { state: 'go' }
  | { state: 'wait'; us: number }
  | { state: 'paused'; us: number }
  | { state: 'done' }
  | { state: 'begun' }
  | { state: 'gone' };

// KEYS of every campaign script: meta, numbers, begun, outcomes, ERR013 tries, gate, pause, gate's
// pending start, urgent waiter.
const KEY_COUNT = 9;

const TOUCH = `
local function touch(ttl)
  for i = 1, 5 do redis.call('PEXPIRE', KEYS[i], ttl) end
end
local function finish(index, outcome)
  if redis.call('HSETNX', KEYS[4], index, outcome) == 0 then return 0 end
  local ttl = tonumber(redis.call('HGET', KEYS[1], 'ttl')) or ${SEND_TTL_MS}
  if redis.call('HGET', KEYS[1], 'redact') == '1'
    and redis.call('HLEN', KEYS[4]) >= tonumber(redis.call('HGET', KEYS[1], 'batches')) then
    redis.call('HDEL', KEYS[1], 'message')
  end
  touch(ttl)
  return 1
end
`;

const SCRIPTS = {
  // ARGV: ttl, kind, message, sender, test, redact, batches, numbers, duplicates, invalid, refused, batch...
  kwtsmsCreate: `
if redis.call('EXISTS', KEYS[1]) == 1 then
  return redis.call('HMGET', KEYS[1], 'kind', 'batches', 'numbers', 'duplicates', 'invalid', 'refused', 'queued')
end
redis.call('HSET', KEYS[1], 'ttl', ARGV[1], 'kind', ARGV[2], 'message', ARGV[3], 'sender', ARGV[4], 'test', ARGV[5],
  'redact', ARGV[6], 'batches', ARGV[7], 'numbers', ARGV[8], 'duplicates', ARGV[9], 'invalid', ARGV[10], 'refused', ARGV[11])
for i = 12, #ARGV do redis.call('HSET', KEYS[2], i - 12, ARGV[i]) end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
redis.call('PEXPIRE', KEYS[2], ARGV[1])
return false
`,
  kwtsmsQueued: `redis.call('HSET', KEYS[1], 'queued', '1') return 1`,
  // ARGV: index. The message and numbers of one batch.
  kwtsmsWork: `return {redis.call('HMGET', KEYS[1], 'message', 'sender', 'test', 'redact'), redis.call('HGET', KEYS[2], ARGV[1])}`,
  // ARGV: index, gapUs, holdUs, token, urgent. Outcome first, then begun: a batch is sent at most once, whatever the gate says.
  kwtsmsStart: `${GATE_LUA}
if redis.call('HEXISTS', KEYS[4], ARGV[1]) == 1 then return {'done', 0} end
if redis.call('HEXISTS', KEYS[3], ARGV[1]) == 1 then return {'begun', 0} end
if redis.call('EXISTS', KEYS[1]) == 0 then return {'gone', 0} end
local answer = gate(KEYS[6], KEYS[8], KEYS[7], KEYS[9], tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4], ARGV[5] == '1')
if answer[1] == 'go' then
  redis.call('HSET', KEYS[3], ARGV[1], string.format('%.0f', answer[2]))
  redis.call('PEXPIRE', KEYS[3], redis.call('HGET', KEYS[1], 'ttl'))
end
return answer
`,
  // ARGV: token, allowanceUs.
  kwtsmsConfirm: `local KEYS = {KEYS[6], KEYS[8]}\n${CONFIRM_LUA}`,
  // ARGV: index, outcome JSON.
  kwtsmsFinish: `${TOUCH} return finish(ARGV[1], ARGV[2])`,
  // ARGV: index, outcome JSON. Only a batch that never began: withdrawn before its request.
  kwtsmsCancel: `${TOUCH}
if redis.call('HEXISTS', KEYS[4], ARGV[1]) == 1 then return 'done' end
if redis.call('HEXISTS', KEYS[3], ARGV[1]) == 1 then return 'begun' end
finish(ARGV[1], ARGV[2])
return 'cancelled'
`,
  // ARGV: index, outcome JSON if the retries are used up, delay... ERR013 proved the gateway took
  // nothing, so the begun record goes and the batch may be requested again after the pause.
  kwtsmsRetry: `${TOUCH}
local attempt = redis.call('HINCRBY', KEYS[5], ARGV[1], 1)
local delay = tonumber(ARGV[2 + attempt])
if delay == nil then
  finish(ARGV[1], ARGV[2])
  return -1
end
redis.call('HDEL', KEYS[3], ARGV[1])
if redis.call('PTTL', KEYS[7]) < delay then redis.call('SET', KEYS[7], '1', 'PX', math.max(delay, 1)) end
touch(tonumber(redis.call('HGET', KEYS[1], 'ttl')) or ${SEND_TTL_MS})
return delay
`,
  // Everything campaign() reads, in one consistent snapshot.
  kwtsmsRead: `
if redis.call('EXISTS', KEYS[1]) == 0 then return false end
return {redis.call('HMGET', KEYS[1], 'kind', 'batches', 'numbers', 'duplicates', 'invalid', 'refused', 'queued'),
  redis.call('HGETALL', KEYS[4]), redis.call('HLEN', KEYS[3])}
`,
} as const;

type ScriptName = keyof typeof SCRIPTS;

const defined = new WeakSet<ScriptClient>();

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const toInt = (value: unknown): number => Number(text(value) ?? value ?? 0);
const parse = <T>(value: unknown, fallback: T): T => {
  const json = text(value);
  return json ? (JSON.parse(json) as T) : fallback;
};

function readStored(fields: unknown[]): Stored {
  const [kind, batches, numbers, duplicates, invalid, refused, queued] = fields;
  const stored: Stored = {
    kind: kind === 'send' ? 'send' : 'campaign',
    batches: toInt(batches),
    numbers: toInt(numbers),
    duplicates: toInt(duplicates),
    invalid: parse<InvalidEntry[]>(invalid, []),
    queued: queued === '1',
  };
  const refusal = parse<StoredError | null>(refused, null);
  if (refusal) stored.refused = refusal;
  return stored;
}

/**
 * The records of one queue. Every key shares the hash tag `{kwtsms:<name>}`, so the scripts also
 * run on Redis Cluster.
 *
 * @example
 * // internal: src/bullmq/records.ts
 * const records = new Records(await bullQueue.client, 'kwtsms');
 * const figures = await records.create('sale-1', plan);
 */
export class Records {
  readonly #client: ScriptClient;
  readonly #base: string;

  constructor(client: ScriptClient, name: string) {
    this.#client = client;
    this.#base = `{kwtsms:${name}}`;
    if (!defined.has(client)) {
      for (const [command, lua] of Object.entries(SCRIPTS)) client.defineCommand(command, { numberOfKeys: KEY_COUNT, lua });
      defined.add(client);
    }
  }

  #run(script: ScriptName, id: string, args: (string | number)[]): Promise<unknown> {
    const campaign = `${this.#base}:${id}`;
    const keys = [campaign, `${campaign}:numbers`, `${campaign}:begun`, `${campaign}:outcomes`, `${campaign}:tries`];
    const gate = `${this.#base}:gate`;
    return this.#client.runCommand(script, [...keys, gate, `${this.#base}:pause`, `${gate}:pending`, `${gate}:urgent`, ...args]);
  }

  /** Stores a campaign unless its id exists; returns the stored figures when it did. */
  async create(id: string, plan: Plan): Promise<Stored | undefined> {
    const ttl = plan.kind === 'send' ? SEND_TTL_MS : CAMPAIGN_TTL_MS;
    const args = [
      ttl,
      plan.kind,
      plan.message,
      plan.sender ?? '',
      plan.test === undefined ? '' : plan.test ? '1' : '0',
      plan.redact ? '1' : '0',
      plan.batches.length,
      plan.numbers,
      plan.duplicates,
      JSON.stringify(plan.invalid),
      plan.refused ? JSON.stringify(plan.refused) : '',
      ...plan.batches.map((numbers) => numbers.join(',')),
    ];
    const existing = await this.#run('kwtsmsCreate', id, args);
    return Array.isArray(existing) ? readStored(existing) : undefined;
  }

  /** Marks a campaign's jobs as all added. */
  async queued(id: string): Promise<void> {
    await this.#run('kwtsmsQueued', id, []);
  }

  /** The message and numbers of one batch; `undefined` when the records are gone. */
  async work(id: string, index: number): Promise<BatchWork | undefined> {
    const [meta, numbers] = list(await this.#run('kwtsmsWork', id, [index]));
    const [message, sender, test, redact] = list(meta).map(text);
    const joined = text(numbers);
    if (message === undefined || joined === undefined) return undefined;
    const work: BatchWork = { message, redact: redact === '1', numbers: joined ? joined.split(',') : [] };
    if (sender) work.sender = sender;
    if (test) work.test = test === '1';
    return work;
  }

  /**
   * Passes the gate and records the batch as begun, in one step; or says why not. `holdMs` keeps
   * the gate shut that much longer after this start; an `urgent` job goes before campaign batches.
   */
  async start(id: string, index: number, gate: { gapMs: number; holdMs: number; token: string; urgent: boolean }): Promise<Start> {
    const args = [index, Math.round(gate.gapMs * 1000), Math.round(gate.holdMs * 1000), gate.token, gate.urgent ? '1' : '0'];
    const [state, us] = list(await this.#run('kwtsmsStart', id, args));
    switch (state) {
      case 'wait':
      case 'paused':
        return { state, us: toInt(us) };
      case 'go':
      case 'done':
      case 'begun':
        return { state };
      default:
        return { state: 'gone' };
    }
  }

  /** Opens the gate after a start, counting from now less `allowanceMs` if that is later than the start. */
  async confirm(id: string, token: string, allowanceMs: number): Promise<void> {
    await this.#run('kwtsmsConfirm', id, [token, Math.round(allowanceMs * 1000)]);
  }

  /** Records a batch's outcome, unless it has one; `false` when it had. */
  async finish(id: string, index: number, outcome: BatchOutcome): Promise<boolean> {
    return toInt(await this.#run('kwtsmsFinish', id, [index, JSON.stringify(outcome)])) === 1;
  }

  /** Withdraws a batch that never began, recording `outcome`; otherwise says where it is. */
  async cancel(id: string, index: number, outcome: BatchOutcome): Promise<'cancelled' | 'begun' | 'done'> {
    const answer = await this.#run('kwtsmsCancel', id, [index, JSON.stringify(outcome)]);
    return answer === 'begun' || answer === 'done' ? answer : 'cancelled';
  }

  /**
   * After ERR013: the pause before retrying, with the batch no longer begun and the queue paused in
   * Redis for that long; or `undefined` when the retries are used up and `outcome` is recorded.
   */
  async retry(id: string, index: number, delaysMs: readonly number[], outcome: BatchOutcome): Promise<number | undefined> {
    const delay = toInt(await this.#run('kwtsmsRetry', id, [index, JSON.stringify(outcome), ...delaysMs.map(Math.round)]));
    return delay >= 0 ? delay : undefined;
  }

  /** A campaign's figures, its outcomes by batch index and how many batches began. */
  async read(id: string): Promise<{ stored: Stored; outcomes: Map<number, BatchOutcome>; begun: number } | undefined> {
    const answer = await this.#run('kwtsmsRead', id, []);
    if (!Array.isArray(answer)) return undefined;
    const [meta, pairs, begun] = answer;
    const flat = list(pairs);
    const outcomes = new Map<number, BatchOutcome>();
    for (let i = 0; i + 1 < flat.length; i += 2) outcomes.set(toInt(flat[i]), parse<BatchOutcome>(flat[i + 1], emptyOutcome()));
    return { stored: readStored(list(meta)), outcomes, begun: toInt(begun) };
  }
}

/** An outcome with nothing in it, to fill in. */
export function emptyOutcome(sent = false): BatchOutcome {
  return { sent, at: Date.now(), msgIds: [], numbers: 0, points: 0, errors: [], invalid: [] };
}
