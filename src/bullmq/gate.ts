/**
 * The global pace: request starts at least `gapMs` apart across every worker,
 * process and machine, decided by Redis's clock.
 *
 * Why not BullMQ's limiter alone: `limiter: { max: 1, duration }` is a fixed
 * window counted when a job becomes active, not when its request starts.
 * Measured with 60 jobs, 3 worker processes, each job one HTTP request to a
 * local server recording arrival times: at duration 40 ms the closest two
 * requests were 20.5 and 27.5 ms apart (2 and 4 of 59 gaps under 38 ms), and
 * at 20 ms, 6.2 ms apart; even one worker process saw 7.5 ms. The window
 * bounds a rate, not a gap: the time from activation to request varies.
 *
 * So the limiter only decides when batches are taken (a little faster than the gate, so
 * the next one is waiting when it opens), and this gate holds the gap: one Lua step takes
 * Redis `TIME` in microseconds and lets a job start only when the last start is
 * `gapMs` (plus a margin) old, recording its own start and its batch's "begun" record in
 * the same step (see records.ts). The starter confirms once its request has left its
 * process; the gate stays shut until then, and a late confirmation moves the start the
 * next gap counts from, so a process that stalls after the gate cannot bring two requests
 * closer. Transactional sends have their own BullMQ queue with no limiter and go through
 * this gate first. A job that finds the gate shut sleeps until a millisecond before it
 * opens and asks again; one that finds the queue paused after ERR013 goes back to the queue.
 *
 * Measured with this gate (3 worker processes, 60 batches, gapMs 40, a loaded 2-core
 * machine): the workers called fetch() at least 39.3 ms apart by their own clocks, which
 * differ by a fraction of a millisecond; at the gateway the closest two requests were
 * usually 37 to 40 ms apart, medians 41 to 43 ms, and the rarer closer pairs came from one
 * request's own delay on its way there, once it had left (see gateMarginMs).
 */

/**
 * The margin added to every gap: 5 % of it, at most 2 ms. The gap that counts is the one the
 * gateway sees, and between a request leaving its process and reaching the gateway there is a
 * delay of its own
 * (scheduling on both sides, the HTTP stack): measured on a loaded 2-core machine it varied by a
 * few milliseconds between consecutive requests, while the requests left their processes at
 * least gapMs apart. A fixed 2 ms would cost 10 % of the pace at gapMs 20; at the gateway's
 * advised 500 it is nothing. The margin is also the ceiling of the pace: at gapMs 20 the gate
 * counts 21 ms, 0.952 of the ideal before any cold start (measured: gateway medians 21.0 ms,
 * 1 process 0.93-0.94, 6 processes 0.87-0.91). With half of it (0.5 ms) one bench run reached 0.96
 * (1 process) and 0.95 (3), but 6 processes stayed at 0.91-0.92 (each process's first request
 * costs 10 to 15 ms more), while the closest gateway gaps at 1 ms were already 16 to 18 ms.
 *
 * @example
 * // internal: src/bullmq/gate.ts
 * gateMarginMs(20);  // 1
 * gateMarginMs(500); // 2
 */
export function gateMarginMs(gapMs: number): number {
  return Math.min(2, gapMs * 0.05);
}

/**
 * A start may be counted up to this much earlier than it happened: timers fire late, so a worker
 * that slept until the gate opened passes it a little after, and without this credit every
 * request would add that lateness to the pace.
 */
export const LATE_CREDIT_MS = 1;

/**
 * How much later than its gate step a request may be confirmed as gone and still count as on time
 * (the confirmation's own round trip to Redis and a wait for the event loop are in that time).
 * Between passing the gate and putting the request on the wire a process can stall (scheduling,
 * garbage collection: a 70 ms stall was seen under load, which made the next gap 16 ms). So the
 * gate stays shut until the starter confirms its request has left, and a late confirmation moves
 * the start the next gap counts from.
 */
export const CONFIRM_ALLOWANCE_MS = 3;

/** How long an unconfirmed start (its worker died in between) keeps the gate shut, at most. */
export const CONFIRM_TIMEOUT_MS = 5_000;

/**
 * Lua: `gate(gateKey, pendingKey, pauseKey, urgentKey, gapUs, holdUs, token, urgent)` returns
 * `{'go', nowUs}`, `{'wait', us}` or `{'paused', us}`. The gate key holds the start the next gap
 * counts from. An urgent (transactional) job that must wait marks itself, and campaign batches
 * let it through first.
 * `holdUs` holds the gate longer after this start: a process's first request also opens its
 * connection, which confirming cannot see. Times are written with `%.0f`: Lua's `tostring` keeps
 * 14 digits, and a microsecond clock has 16.
 */
export const GATE_LUA = `
local function gate(gateKey, pendingKey, pauseKey, urgentKey, gapUs, holdUs, token, urgent)
  local paused = redis.call('PTTL', pauseKey)
  if paused > 0 then return {'paused', paused * 1000} end
  local t = redis.call('TIME')
  local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
  local last = tonumber(redis.call('GET', gateKey))
  local counted = now
  if last then
    if now < last + gapUs then
      local wait = math.ceil(last + gapUs - now)
      if urgent then redis.call('SET', urgentKey, token, 'PX', math.ceil(wait / 1000) + 200) end
      return {'wait', wait}
    end
    counted = math.max(now - ${LATE_CREDIT_MS * 1000}, last + gapUs)
  end
  -- The last starter has not confirmed yet (it is late), or a transactional send is waiting.
  if redis.call('EXISTS', pendingKey) == 1 then return {'wait', 2000} end
  if urgent then
    redis.call('DEL', urgentKey)
  elseif redis.call('EXISTS', urgentKey) == 1 then
    return {'wait', 2000}
  end
  redis.call('SET', gateKey, string.format('%.0f', counted + holdUs), 'PX', 3600000)
  redis.call('SET', pendingKey, token, 'PX', ${CONFIRM_TIMEOUT_MS})
  return {'go', now}
end
`;

/**
 * Lua, KEYS gate and pending, ARGV token and allowanceUs: the request has gone out. Redis's clock
 * now, less the allowance, is the latest the request can have left: a process that stalled
 * anywhere after the gate step (even before reading its answer) shows here, so the next start
 * counts from then.
 */
export const CONFIRM_LUA = `
if redis.call('GET', KEYS[2]) == ARGV[1] then redis.call('DEL', KEYS[2]) end
local t = redis.call('TIME')
local seen = tonumber(t[1]) * 1000000 + tonumber(t[2]) - tonumber(ARGV[2])
local last = tonumber(redis.call('GET', KEYS[1])) or 0
if seen > last then redis.call('SET', KEYS[1], string.format('%.0f', seen), 'PX', 3600000) end
return 1
`;

/**
 * How long to sleep before asking the gate again: until a millisecond before it opens, since
 * timers fire late, never early. Within that last millisecond the worker asks again at once: a
 * Redis round trip is a fraction of a millisecond, so the gate is passed within one of opening and
 * the pace gains no timer lateness.
 *
 * @example
 * // internal: src/bullmq/gate.ts
 * gateSleepMs(12_700); // 11
 * gateSleepMs(800);    // 0: ask again at once
 */
export function gateSleepMs(waitUs: number): number {
  return Math.max(0, Math.floor(waitUs / 1000) - 1);
}
