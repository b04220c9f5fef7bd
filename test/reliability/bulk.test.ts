/**
 * The bulk invariant under random faults, 50 seeded runs (the stress suite runs 1,000:
 * bulk.stress.ts). See bulk.ts for what each run checks.
 */
import { describe, expect, it } from 'vitest';
import { checkBulkInvariant } from './bulk.js';
import { SEED, trapUnhandledRejections } from './support.js';

trapUnhandledRejections();

describe(`sendBulk under random faults (seed ${SEED})`, () => {
  it('accounts for every input, never resends after a timeout or reset, and adds up, in 50 runs', async ({ annotate }) => {
    const totals = await checkBulkInvariant(50);
    await annotate(`bulk invariant: ${JSON.stringify(totals)}`);
    expect(totals.runs).toBe(50);
    // The runs really met the faults: retries after ERR013, batches lost to timeouts and resets.
    expect(totals.retries).toBeGreaterThan(0);
    expect(totals.unknownFate).toBeGreaterThan(0);
  });
});
