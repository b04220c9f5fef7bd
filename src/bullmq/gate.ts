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
 * So the limiter only paces activations (few jobs wait here, and a
 * transactional send overtakes campaign batches), and this gate is what holds
 * the gap: one Lua step takes Redis `TIME` in microseconds and lets a job start
 * only when the last start is `gapMs` old, recording its own start and its
 * batch's "begun" record in the same step (see records.ts), so nothing sits
 * between passing the gate and the request but the client's own preparation.
 * A job that finds the gate shut sleeps for the rest and asks again; a job
 * that finds the queue paused after ERR013 goes back to the queue.
 */

/**
 * Lua: `gate(gateKey, pauseKey, gapUs)` returns `{'go', nowUs}`, `{'wait', us}` or
 * `{'paused', us}`. Times are written with `%.0f`: Lua's `tostring` keeps 14 digits, and a
 * microsecond clock has 16.
 */
export const GATE_LUA = `
local function gate(gateKey, pauseKey, gapUs)
  local paused = redis.call('PTTL', pauseKey)
  if paused > 0 then return {'paused', paused * 1000} end
  local t = redis.call('TIME')
  local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
  local last = tonumber(redis.call('GET', gateKey))
  if last and now < last + gapUs then return {'wait', math.ceil(last + gapUs - now)} end
  redis.call('SET', gateKey, string.format('%.0f', now), 'PX', math.ceil(gapUs / 1000) + 60000)
  return {'go', now}
end
`;

/**
 * How long to sleep before asking the gate again, in whole milliseconds: timers have millisecond
 * steps and fire late rather than early, so rounding down and asking again loses nothing.
 *
 * @example
 * // internal: src/bullmq/gate.ts
 * gateSleepMs(12_700); // 12
 * gateSleepMs(300);    // 0: ask again at once
 */
export function gateSleepMs(waitUs: number): number {
  return Math.floor(waitUs / 1000);
}
