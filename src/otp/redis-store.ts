/**
 * `redisOtpStore`: the OtpStore for many processes and machines, on Redis.
 * Each operation is one Lua script, so it is one atomic step and one round
 * trip; time comes from Redis (`TIME`), never a process clock; every key is
 * written with an expiry (`PX`) no longer than what it holds. It takes a
 * `run(script, keys, args)` function instead of a Redis client, so any client
 * works and the package keeps zero dependencies.
 */
import { codeKey, cooldownKey, failuresKey, ipSentKey, phoneSentKey } from './keys.js';
import type { OtpCheckRequest, OtpCheckResult, OtpIssueRequest, OtpIssueResult, OtpStore } from './store.js';

/**
 * Evaluates a Lua script on Redis: `EVAL script keys.length ...keys ...args`, resolving to its reply.
 *
 * @example
 * import Redis from 'ioredis';
 * import type { RedisRun } from 'kwtsms/otp';
 * const redis = new Redis(process.env.REDIS_URL!);
 * const run: RedisRun = (s, k, a) => redis.eval(s, k.length, ...k, ...a);
 */
export type RedisRun = (script: string, keys: string[], args: string[]) => Promise<unknown>;

/**
 * Options of {@link redisOtpStore}.
 *
 * @example
 * import type { RedisOtpStoreOptions } from 'kwtsms/otp';
 * const options: RedisOtpStoreOptions = { prefix: 'myapp:otp:' };
 */
export interface RedisOtpStoreOptions {
  /**
   * Put before every key. On Redis Cluster, include a hash tag (`'{otp}:'`) so an operation's keys
   * share a slot. @default 'kwtsms:otp:'
   */
  prefix?: string;
}

// Every script starts by reading the clock. Before Redis 5, a script that reads TIME must ask for
// effects replication before writing; later versions always do it (and keep the call as a no-op).
const NOW = `if redis.replicate_commands then redis.replicate_commands() end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
`;

// Counts one event in a fixed window: a key with no expiry (never written by these scripts) is
// reopened, so nothing can outlive its window.
const COUNT = `local function count(key, windowMs)
  if redis.call('PTTL', key) < 0 then redis.call('SET', key, 1, 'PX', windowMs) else redis.call('INCR', key) end
end
`;

/**
 * issue. KEYS: cooldown, code, then one key per window. ARGV: hash, ttlMs, resendAfterMs,
 * maxAttempts, then max and windowMs per window.
 */
export const ISSUE_SCRIPT = `${NOW}${COUNT}local hash, ttl, resend = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
local cooling = math.max(redis.call('PTTL', KEYS[1]), 0)
local full = 0
for i = 3, #KEYS do
  local max = tonumber(ARGV[2 * i - 1])
  if tonumber(redis.call('GET', KEYS[i]) or '0') >= max then
    local left = redis.call('PTTL', KEYS[i])
    if left < 0 then left = tonumber(ARGV[2 * i]) end
    full = math.max(full, left)
  end
end
if full > 0 and full >= cooling then return {'rate_limited', full} end
if cooling > 0 then return {'cooldown', cooling} end
for i = 3, #KEYS do count(KEYS[i], ARGV[2 * i]) end
redis.call('SET', KEYS[1], hash, 'PX', resend)
redis.call('DEL', KEYS[2])
redis.call('HSET', KEYS[2], 'hash', hash, 'expiresAt', now + ttl, 'attemptsLeft', ARGV[4])
redis.call('PEXPIRE', KEYS[2], ttl)
return {'issued', now + ttl, now + resend}
`;

/**
 * check. KEYS: code, failures. ARGV: hash, failures max, failures windowMs. The hashes are compared
 * in constant time: every byte is looked at, whatever differs.
 */
export const CHECK_SCRIPT = `${NOW}${COUNT}local hash = ARGV[1]
if tonumber(redis.call('GET', KEYS[2]) or '0') >= tonumber(ARGV[2]) then
  return {'locked', math.max(redis.call('PTTL', KEYS[2]), 0)}
end
local code = redis.call('HMGET', KEYS[1], 'hash', 'expiresAt', 'attemptsLeft')
if not code[1] then return {'not_found'} end
if tonumber(code[2]) <= now then return {'expired'} end
local left = tonumber(code[3])
if left <= 0 then return {'locked', -1} end
local stored = code[1]
local diff = (#stored == #hash) and 0 or 1
for i = 1, #stored do
  diff = bit.bor(diff, bit.bxor(string.byte(stored, i), string.byte(hash, i) or 0))
end
if diff == 0 then
  redis.call('DEL', KEYS[1])
  return {'ok'}
end
left = left - 1
redis.call('HSET', KEYS[1], 'attemptsLeft', left)
count(KEYS[2], ARGV[3])
return {'wrong', left}
`;

/** withdraw. KEYS: code, cooldown. ARGV: the hash issued. Removes only what that issue wrote. */
export const WITHDRAW_SCRIPT = `if redis.call('HGET', KEYS[1], 'hash') == ARGV[1] then redis.call('DEL', KEYS[1]) end
if redis.call('GET', KEYS[2]) == ARGV[1] then redis.call('DEL', KEYS[2]) end
return 1
`;

/** cancel. KEYS: code. */
export const CANCEL_SCRIPT = `return redis.call('DEL', KEYS[1])
`;

/** A reply as `[status, numbers...]`; anything else is an error, so the caller fails closed. */
function reply(value: unknown, script: string): [string, ...number[]] {
  if (!Array.isArray(value) || typeof value[0] !== 'string') {
    throw new Error(`redisOtpStore: unexpected reply to the ${script} script: ${typeof value}`);
  }
  const numbers = value.slice(1).map(Number);
  if (numbers.some((n) => !Number.isFinite(n))) throw new Error(`redisOtpStore: unexpected reply to the ${script} script`);
  return [value[0], ...numbers];
}

/**
 * An OtpStore on Redis, shared by every process and machine that uses the same Redis and prefix.
 * `run` evaluates a script with your client; one call per operation.
 *
 * @param run `(script, keys, args) => Promise<reply>`: for ioredis `(s, k, a) => redis.eval(s, k.length, ...k, ...a)`,
 *   for node-redis `(s, k, a) => client.eval(s, { keys: k, arguments: a })`
 * @param options `prefix` for every key
 * @throws TypeError when `run` is not a function or `prefix` not a string
 * @example
 * import Redis from 'ioredis';
 * import { redisOtpStore } from 'kwtsms/otp';
 * const redis = new Redis(process.env.REDIS_URL!);
 * const store = redisOtpStore((s, k, a) => redis.eval(s, k.length, ...k, ...a));
 */
export function redisOtpStore(run: RedisRun, options: RedisOtpStoreOptions = {}): OtpStore {
  if (typeof run !== 'function') {
    throw new TypeError('redisOtpStore: `run` must be a function (script, keys, args) => Promise, e.g. (s, k, a) => redis.eval(s, k.length, ...k, ...a)');
  }
  const prefix = options.prefix ?? 'kwtsms:otp:';
  if (typeof prefix !== 'string') throw new TypeError('redisOtpStore: option `prefix` must be a string');

  return {
    issue: async (request) => issueOn(run, prefix, request),
    check: async (request) => checkOn(run, prefix, request),
    withdraw: async (request) => {
      await run(WITHDRAW_SCRIPT, [codeKey(prefix, request.phone, request.purpose), cooldownKey(prefix, request.phone)], [request.hash]);
    },
    cancel: async (request) => {
      await run(CANCEL_SCRIPT, [codeKey(prefix, request.phone, request.purpose)], []);
    },
  };
}

async function issueOn(run: RedisRun, prefix: string, request: OtpIssueRequest): Promise<OtpIssueResult> {
  const keys = [cooldownKey(prefix, request.phone), codeKey(prefix, request.phone, request.purpose)];
  const args = [request.hash, String(request.ttlMs), String(request.resendAfterMs), String(request.maxAttempts)];
  for (const w of request.phoneWindows) {
    keys.push(phoneSentKey(prefix, request.phone, w.windowMs));
    args.push(String(w.max), String(w.windowMs));
  }
  if (request.ip !== undefined) {
    for (const w of request.ipWindows) {
      keys.push(ipSentKey(prefix, request.ip, w.windowMs));
      args.push(String(w.max), String(w.windowMs));
    }
  }
  const [status, a = NaN, b = NaN] = reply(await run(ISSUE_SCRIPT, keys, args), 'issue');
  if (status === 'issued') return { status, expiresAt: a, resendAt: b };
  if (status === 'cooldown' || status === 'rate_limited') return { status, retryAfterMs: a };
  throw new Error(`redisOtpStore: unexpected issue status ${JSON.stringify(status)}`);
}

async function checkOn(run: RedisRun, prefix: string, request: OtpCheckRequest): Promise<OtpCheckResult> {
  const keys = [codeKey(prefix, request.phone, request.purpose), failuresKey(prefix, request.phone, request.failures.windowMs)];
  const args = [request.hash, String(request.failures.max), String(request.failures.windowMs)];
  const [status, a = NaN] = reply(await run(CHECK_SCRIPT, keys, args), 'check');
  if (status === 'ok' || status === 'expired' || status === 'not_found') return { status };
  if (status === 'wrong') return { status, attemptsLeft: a };
  if (status === 'locked') return a >= 0 ? { status, retryAfterMs: a } : { status };
  throw new Error(`redisOtpStore: unexpected check status ${JSON.stringify(status)}`);
}
