import { defineConfig } from 'vitest/config';

/**
 * The stress run (`npm run test:stress`): the 1,000-run bulk invariant and the 5,000-send load test,
 * too slow for every `vitest run`. Forked workers with --expose-gc, so the load test can measure the
 * heap after a collection.
 */
export default defineConfig({
  test: {
    include: ['test/reliability/**/*.stress.ts'],
    setupFiles: ['test/setup.ts'],
    reporters: ['default'],
    pool: 'forks',
    execArgv: ['--expose-gc'],
    testTimeout: 170_000,
  },
});
