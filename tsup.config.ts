import { readFileSync } from 'node:fs';
import { defineConfig, type Options } from 'tsup';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

const shared: Options = {
  format: ['esm', 'cjs'],
  dts: true,
  target: 'es2022',
  sourcemap: false,
  splitting: false,
  treeshake: true,
};

export default defineConfig([
  // The library, the fake gateway and the OTP entry run on any runtime: no Node built-ins may be bundled in.
  { ...shared, entry: { index: 'src/index.ts', testing: 'src/testing/index.ts', otp: 'src/otp/index.ts' }, platform: 'neutral', clean: true },
  // The BullMQ adapter is Node-only, and bullmq and ioredis stay the user's: never bundled in.
  { ...shared, entry: { bullmq: 'src/bullmq/index.ts' }, platform: 'node', external: ['bullmq', 'ioredis'] },
  // The command-line tool is Node-only and ships as ESM with a shebang.
  {
    ...shared,
    entry: { cli: 'src/cli/index.ts' },
    format: ['esm'],
    dts: false,
    platform: 'node',
    define: { __KWTSMS_VERSION__: JSON.stringify(version) },
  },
]);
