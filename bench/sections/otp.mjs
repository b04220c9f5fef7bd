/**
 * One-time codes (dist/otp.js): send + verify pairs per second on the fake
 * gateway (in process, so the figure is the library's own cost: code, HMAC,
 * store, client), with the memory store and with a local redis-server through
 * ioredis; verify alone per second on the memory store, one call at a time and
 * 32 in flight (WebCrypto's HMAC runs off the main thread in Node, so calls in
 * flight overlap, as on a busy server); verify latency on
 * Redis (p50, p99, one call at a time); and Redis round trips per operation
 * (calls to `run`, which must be 1).
 */
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { median } from '../lib/stats.mjs';
import { startRedisServer } from '../lib/redis-server.mjs';

const SECRET = 'bench secret: at least 32 bytes long, not a real one';
/** Verify calls in flight at once for the throughput figure, as on a busy server. */
const IN_FLIGHT = 32;

/** n distinct valid Kuwait numbers. */
const phones = (n, offset) => Array.from({ length: n }, (_, i) => `9655${String(offset + i).padStart(7, '0')}`);

function service({ lib, otpLib, testing, store }) {
  const fake = testing.createFakeGateway({ balance: 1e9 });
  const sms = new lib.KwtSMS('u', 'p', { fetch: fake.fetch });
  const otp = otpLib.createOtp({ sms, secret: SECRET, store, appName: 'BENCH', limits: { ip: [] } });
  const codeOf = () => /(\d{6})$/.exec(fake.state.sent.at(-1)?.message ?? '')?.[1];
  return { otp, fake, codeOf };
}

/** Sends then verifies each number in turn; returns pairs per second, and checks every verify was OK. */
async function pairs(s, numbers) {
  const t0 = performance.now();
  let ok = 0;
  for (const phone of numbers) {
    const sent = await s.otp.send({ phone });
    if (sent.result !== 'OK') throw new Error(`send: ${sent.code} ${sent.description}`);
    const checked = await s.otp.verify({ phone, code: s.codeOf() });
    if (checked.result === 'OK') ok++;
  }
  const ms = performance.now() - t0;
  s.fake.state.reset();
  if (ok !== numbers.length) throw new Error(`${numbers.length - ok} verifies failed`);
  return (numbers.length * 1000) / ms;
}

/** Sends a code to each number; answers the codes, in order. */
async function issue(s, numbers) {
  const codes = [];
  for (const phone of numbers) {
    const sent = await s.otp.send({ phone });
    if (sent.result !== 'OK') throw new Error(`send: ${sent.code}`);
    codes.push(s.codeOf());
  }
  s.fake.state.reset();
  return codes;
}

/** Verifies one number after another, timing each call; returns verifies per second and the latencies. */
async function verifiesInTurn(s, numbers) {
  const codes = await issue(s, numbers);
  const latencies = [];
  const t0 = performance.now();
  for (let i = 0; i < numbers.length; i++) {
    const start = performance.now();
    const checked = await s.otp.verify({ phone: numbers[i], code: codes[i] });
    latencies.push(performance.now() - start);
    if (checked.result !== 'OK') throw new Error(`verify: ${checked.code}`);
  }
  return { rate: (numbers.length * 1000) / (performance.now() - t0), latencies };
}

/** Verifies with `inFlight` calls at a time, as a server under load does; returns verifies per second. */
async function verifiesAtOnce(s, numbers, inFlight) {
  const codes = await issue(s, numbers);
  let next = 0;
  let ok = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      for (let i; (i = next++) < numbers.length; ) if ((await s.otp.verify({ phone: numbers[i], code: codes[i] })).result === 'OK') ok++;
    }),
  );
  const rate = (numbers.length * 1000) / (performance.now() - t0);
  if (ok !== numbers.length) throw new Error(`${numbers.length - ok} verifies failed`);
  return rate;
}

const percentile = (values, p) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(p * values.length))];

/**
 * @param {{ lib: object, otpLib: object, testing: object, quick: boolean, passes: number, log: (s: string) => void }} ctx
 */
export async function runOtp({ lib, otpLib, testing, quick, passes, log }) {
  const n = quick ? 1_000 : 5_000;
  const out = { count: n, passes };
  let offset = 0;
  const fresh = () => phones(n, (offset += n));

  log(`otp: memory store, ${passes} passes of ${n} send + verify pairs and ${n} verifies`);
  await pairs(service({ lib, otpLib, testing, store: otpLib.memoryOtpStore() }), fresh()); // warm-up
  const memoryPairs = [];
  const memoryInTurn = [];
  const memoryAtOnce = [];
  const memoryStore = () => service({ lib, otpLib, testing, store: otpLib.memoryOtpStore() });
  for (let i = 0; i < passes; i++) {
    memoryPairs.push(await pairs(memoryStore(), fresh()));
    memoryInTurn.push((await verifiesInTurn(memoryStore(), fresh())).rate);
    memoryAtOnce.push(await verifiesAtOnce(memoryStore(), fresh(), IN_FLIGHT));
  }
  out.memory = {
    pairsPerSecond: median(memoryPairs),
    verifiesInTurnPerSecond: median(memoryInTurn),
    verifiesAtOncePerSecond: median(memoryAtOnce),
    inFlight: IN_FLIGHT,
    pairRates: memoryPairs,
    inTurnRates: memoryInTurn,
    atOnceRates: memoryAtOnce,
  };

  const server = await startRedisServer();
  const redis = new Redis(server.url);
  try {
    let calls = 0;
    const run = (script, keys, args) => {
      calls++;
      return redis.eval(script, keys.length, ...keys, ...args);
    };
    log(`otp: Redis at ${server.url}, ${passes} passes`);
    const redisService = () => service({ lib, otpLib, testing, store: otpLib.redisOtpStore(run, { prefix: `bench:${offset}:` }) });
    await pairs(redisService(), fresh()); // warm-up: connection, script cache
    const redisPairs = [];
    const latencies = [];
    const before = calls;
    let operations = 0;
    for (let i = 0; i < passes; i++) {
      redisPairs.push(await pairs(redisService(), fresh()));
      const v = await verifiesInTurn(redisService(), fresh());
      latencies.push(...v.latencies);
      operations += 4 * n; // n sends and n verifies in the pairs, n sends and n verifies in the verify run
    }
    out.redis = {
      pairsPerSecond: median(redisPairs),
      pairRates: redisPairs,
      verifyP50Ms: percentile(latencies, 0.5),
      verifyP99Ms: percentile(latencies, 0.99),
      roundTripsPerOperation: (calls - before) / operations,
    };
  } finally {
    await redis.quit();
    await server.stop();
  }
  return out;
}
