/**
 * A journaled send killed with SIGKILL at 20 seeded random moments (in flight, between a begin record
 * and its request, halfway through writing a record, or after a random time), each resumed in another
 * process. About 25 s on a quiet 2-core machine: too slow for every `vitest run`.
 */
import { describe, expect, it } from 'vitest';
import { Random } from '../../bench/lib/prng.mjs';
import { BATCH_COUNT, crashAndResume, expectSafe, type Moment } from '../crash/crash.js';
import { SEED } from './support.js';

function moments(seed: number): Moment[] {
  const random = new Random(seed);
  const batch = (): number => random.int(1, BATCH_COUNT);
  // Every kind at least once, then a seeded mix.
  const kinds = ['in-flight', 'after-begin', 'torn-outcome', 'torn-begin', 'timer'] as const;
  return Array.from({ length: 20 }, (_, i): Moment => {
    const kind = i < kinds.length ? kinds[i]! : random.weighted({ 'in-flight': 3, 'after-begin': 3, 'torn-outcome': 2, 'torn-begin': 2, timer: 5 });
    return kind === 'timer' ? { kind, ms: random.int(0, 250) } : { kind, batch: batch() };
  });
}

describe(`a journaled send killed at 20 random moments (seed ${SEED}), each resumed in another process`, () => {
  it.each(moments(SEED).map((moment, i) => [i + 1, JSON.stringify(moment), moment] as const))(
    'moment %i %s: no batch is sent twice and every number is accounted for',
    async (_i, _label, moment) => {
      const run = await crashAndResume(moment);
      expectSafe(run);
      expect(run.requests.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(BATCH_COUNT);
    },
    30_000,
  );
});
