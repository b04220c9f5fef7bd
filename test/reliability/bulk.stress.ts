/**
 * Stress: the bulk invariant under random faults, 1,000 seeded runs (bulk.test.ts runs 50 of the
 * same property). See bulk.ts for what each run checks.
 */
import { describe, expect, it } from 'vitest';
import { checkBulkInvariant } from './bulk.js';
import { SEED, trapUnhandledRejections } from './support.js';

trapUnhandledRejections();

describe(`sendBulk under random faults (seed ${SEED})`, () => {
  it('accounts for every input, never resends after a timeout or reset, and adds up, in 1,000 runs', async ({ annotate }) => {
    const totals = await checkBulkInvariant(1_000);
    await annotate(`bulk invariant: ${JSON.stringify(totals)}`);
    expect(totals.runs).toBe(1_000);
    expect(totals.retries).toBeGreaterThan(0);
    expect(totals.unknownFate).toBeGreaterThan(0);
    expect(totals.partial).toBeGreaterThan(0);
  });
});
