import { defineConfig } from 'vitest/config';

/**
 * The stress run (`npm run test:stress`): the 1,000-run bulk invariant, the 5,000-send load test,
 * the journal crash test at 20 random moments, and the BullMQ worker processes (pace, crash,
 * priority), too slow or too timing-sensitive for every `vitest run`. One file at a time, so the
 * multi-process timings are not measured on a machine busy with other test files. Forked workers
 * with --expose-gc, so the load test can measure the heap after a collection.
 */
export default defineConfig({
  test: {
    include: ['test/**/*.stress.ts'],
    fileParallelism: false,
    setupFiles: ['test/setup.ts'],
    reporters: ['default'],
    pool: 'forks',
    execArgv: ['--expose-gc'],
    testTimeout: 170_000,
  },
});
