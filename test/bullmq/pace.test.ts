/**
 * The global pace across processes: 3 worker processes send a 60-batch campaign with gapMs 40;
 * the gateway's recorded request starts are never closer than gapMs - 2 ms.
 */
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmsQueue, type SmsQueue } from '../../src/bullmq/index.js';
import { startRedis, type RedisServer } from '../helpers/redis.js';
import { gaps, median, now, numbers, startGateway, type RecordingGateway } from './gateway.js';
import { startWorkers, stopWorkers } from './workers.js';

const GAP_MS = 40;
const LATENCY_MS = 5;

let redis: RedisServer;
let gateway: RecordingGateway;
let queue: SmsQueue;
let workers: ChildProcess[] = [];
const left = new Map<string, number>();

beforeAll(async () => {
  [redis, gateway] = await Promise.all([startRedis(), startGateway({ latencyMs: LATENCY_MS })]);
  queue = createSmsQueue({ connection: { host: '127.0.0.1', port: redis.port }, name: 'pace', gapMs: GAP_MS });
  workers = await startWorkers(3, { REDIS_PORT: redis.port, GATEWAY_URL: gateway.url, QUEUE: 'pace', GAP_MS }, (m) => {
    const { fetchAt, first } = m as { fetchAt: number; first: string };
    left.set(first, fetchAt);
  });
}, 60_000);

afterAll(async () => {
  await stopWorkers(workers);
  await queue?.close();
  await gateway?.close();
  await redis?.stop();
});

describe('pace across worker processes', () => {
  it('3 processes send 60 batches with request starts at least gapMs apart', async ({ annotate }) => {
    const list = numbers(60 * 200);
    const started = now();
    const figures = await queue.addCampaign({ id: 'pace-60', numbers: list, message: 'Sale today' });
    expect(figures).toEqual({ id: 'pace-60', batches: 60, numbers: 12_000, invalid: [], duplicates: 0 });
    let status = await queue.campaign('pace-60');
    while (status?.state !== 'done') {
      await new Promise((resolve) => setTimeout(resolve, 200));
      status = await queue.campaign('pace-60');
    }
    const arrivals = gateway.arrivals;
    expect(arrivals).toHaveLength(60);
    const between = gaps(arrivals);
    const min = Math.min(...between);
    const first = Math.min(...arrivals.map((a) => a.at));
    const last = Math.max(...arrivals.map((a) => a.answeredAt));
    const wall = last - first;
    const ideal = 59 * GAP_MS + LATENCY_MS;
    // lag: each request's arrival less the moment its worker called fetch; left gaps: between those moments.
    const sorted = [...arrivals].sort((a, b) => a.at - b.at);
    const lag = sorted.map((a) => (a.at - (left.get(a.numbers[0] ?? '') ?? NaN)).toFixed(0)).join(' ');
    const leftGaps = sorted.slice(1).map((a, i) => ((left.get(a.numbers[0] ?? '') ?? NaN) - (left.get(sorted[i]?.numbers[0] ?? '') ?? NaN)).toFixed(0)).join(' ');
    const figuresLine = `lag ${lag}; left gaps ${leftGaps}; gaps ${between.map((g) => g.toFixed(0)).join(' ')}; min gap ${min.toFixed(2)} ms, median ${median(between).toFixed(2)} ms, wall ${wall.toFixed(0)} ms (ideal ${ideal}), from addCampaign ${(last - started).toFixed(0)} ms`;
    expect(min, figuresLine).toBeGreaterThanOrEqual(GAP_MS - 2);
    expect(wall, figuresLine).toBeLessThanOrEqual(1.1 * ideal);
    // Every batch requested once, by all three processes together.
    const firsts = new Set(arrivals.map((a) => a.numbers[0]));
    expect(firsts.size).toBe(60);
    expect(status.result).toMatchObject({ result: 'OK', numbers: 12_000, batches: 60, errors: [], invalid: [] });
    expect(status.result.msgIds).toHaveLength(60);
    await annotate(`min gap ${min.toFixed(2)} ms, median ${median(between).toFixed(2)} ms, wall ${wall.toFixed(0)} ms (ideal ${ideal})`);
  }, 60_000);
});
