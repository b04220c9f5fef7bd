/**
 * A journaled send killed with SIGKILL at each kind of moment, then resumed in another process.
 * The 20 seeded random moments run in the stress suite (test/reliability/journal-crash.stress.ts).
 */
import { describe, expect, it } from 'vitest';
import { crashAndResume, expectSafe, type Moment } from './crash.js';

describe('a journaled send killed mid-campaign and resumed in another process', () => {
  it.each<[string, Moment]>([
    ['while batch 3 is in flight', { kind: 'in-flight', batch: 3 }],
    ['between the begin record of batch 4 and its request', { kind: 'after-begin', batch: 4 }],
    ["while batch 2's outcome record is being written", { kind: 'torn-outcome', batch: 2 }],
    ["while batch 5's begin record is being written", { kind: 'torn-begin', batch: 5 }],
  ])('%s: no batch is sent twice and every number is accounted for', async (_name, moment) => {
    const run = await crashAndResume(moment);
    expectSafe(run);
    expect(run.killed).toBe(true);
  }, 30_000);
});
