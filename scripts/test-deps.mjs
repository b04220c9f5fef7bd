#!/usr/bin/env node
// The system programs the tests need beyond npm packages: Debian's Chromium (the browser leg of
// the runtime matrix, driven by playwright-core) and redis-server (the OTP store and BullMQ tests
// start their own on a loopback port). Run first by `npm test`: as root it installs what is
// missing with apt; otherwise it stops and prints the exact command to run.
import { execFileSync, spawnSync } from 'node:child_process';

const NEEDED = [
  { command: 'chromium', pkg: 'chromium', why: 'the browser leg of the runtime matrix' },
  { command: 'redis-server', pkg: 'redis-server', why: 'the OTP Redis store and BullMQ tests' },
];

const has = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
const missing = NEEDED.filter(({ command }) => !has(command));
if (missing.length === 0) process.exit(0);

const packages = missing.map(({ pkg }) => pkg);
const install = `apt-get update && apt-get install -y ${packages.join(' ')}`;
for (const { command, why } of missing) console.error(`test-deps: ${command} is missing (${why}).`);

if (process.getuid?.() !== 0 || !has('apt-get')) {
  console.error(`test-deps: install it, then run the tests again:\n  sudo sh -c '${install}'`);
  process.exit(1);
}

console.error(`test-deps: installing ${packages.join(', ')} with apt...`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
execFileSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: ['ignore', 'ignore', 'inherit'], env });
const still = missing.filter(({ command }) => !has(command));
if (still.length > 0) {
  console.error(`test-deps: still missing after apt: ${still.map(({ command }) => command).join(', ')}`);
  process.exit(1);
}
