import { defineConfig, type Options } from 'tsup';

const shared: Options = {
  format: ['esm', 'cjs'],
  dts: true,
  target: 'es2022',
  sourcemap: false,
  splitting: false,
  treeshake: true,
};

export default defineConfig([
  // The library and the fake gateway run on any runtime: no Node built-ins may be bundled in.
  { ...shared, entry: { index: 'src/index.ts', testing: 'src/testing/index.ts' }, platform: 'neutral', clean: true },
  // The BullMQ adapter is Node-only, and bullmq and ioredis stay the user's: never bundled in.
  { ...shared, entry: { bullmq: 'src/bullmq/index.ts' }, platform: 'node', external: ['bullmq', 'ioredis'] },
  // The command-line tool is Node-only and ships as ESM with a shebang.
  { ...shared, entry: { cli: 'src/cli/index.ts' }, format: ['esm'], dts: false, platform: 'node' },
]);
