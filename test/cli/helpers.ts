/**
 * Running the built `kwtsms` command as a child process, the way users get it.
 *
 * The CLI is built once per test file into a private temporary package
 * (`<tmp>/dist/cli.js` beside a copy of package.json, as in node_modules)
 * with the same settings as tsup.config.ts's CLI entry. A private build
 * cannot be stale, and another `tsup` run cleaning `dist/` meanwhile cannot
 * break it.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Host } from '../../src/cli/host.js';
import { ENV_VARS } from '../../src/env.js';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The version in package.json, which the build writes into the CLI. */
export const PACKAGE_VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** A built CLI in its own temporary package directory. */
export interface BuiltCli {
  /** The path of `dist/cli.js`. */
  cli: string;
  /** A scratch directory with no `.env`, to run the CLI in. */
  cwd: string;
  cleanup(): void;
}

/** Builds `src/cli/index.ts` into a fresh temporary package. Takes a couple of seconds. */
export function buildCli(): BuiltCli {
  const dir = mkdtempSync(join(tmpdir(), 'kwtsms-cli-'));
  const tsup = join(ROOT, 'node_modules', 'tsup', 'dist', 'cli-default.js');
  const define = `--define.__KWTSMS_VERSION__=${JSON.stringify(PACKAGE_VERSION)}`;
  execFileSync(
    process.execPath,
    [tsup, '--no-config', '--entry.cli', 'src/cli/index.ts', '--format', 'esm', '--platform', 'node', '--target', 'es2022', '--out-dir', join(dir, 'dist'), define, '--silent'],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  copyFileSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
  const cwd = mkdtempSync(join(tmpdir(), 'kwtsms-cwd-'));
  return {
    cli: join(dir, 'dist', 'cli.js'),
    cwd,
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
      rmSync(cwd, { recursive: true, force: true });
    },
  };
}

/** An environment with no KWTSMS_* variable (so the CLI falls back to the fake) plus `extra`. */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of ['PATH', 'SYSTEMROOT', 'TMPDIR', 'LANG']) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return { ...env, ...extra };
}

/** What a run printed and how it exited. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Options of {@link runCli}. */
export interface RunOptions {
  cwd: string;
  env?: Record<string, string>;
  input?: string;
}

/** Runs `node <cli> ...args` and collects its output. */
export function runCli(cli: string, args: readonly string[], options: RunOptions): Promise<CliRun> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: options.cwd, env: options.env ?? cleanEnv() });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** Whether util-linux `script` is here to give the CLI a pseudo-terminal. */
export const HAS_SCRIPT = (() => {
  const probe = spawnSync('script', ['--version'], { encoding: 'utf8' });
  return probe.status === 0 && probe.stdout.includes('util-linux');
})();

/** Quotes one argument for the `sh -c` line that `script -c` runs. */
export function shellQuote(arg: string): string {
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** Every credential variable set to '', so a test never picks up the machine's own. */
export const NO_CREDENTIALS: Record<string, string> = Object.fromEntries(Object.values(ENV_VARS).map((name) => [name, '']));

/** A CLI host that records what the command writes, with no credentials but those in `env`. */
export function captureHost(env: Record<string, string> = {}, stdin: Host['stdin'] = process.stdin): Host & { stdout: string; stderr: string } {
  const host = {
    env: { ...NO_CREDENTIALS, ...env },
    stdin,
    stderrIsTTY: false,
    stdout: '',
    stderr: '',
    out(text: string) {
      host.stdout += text;
    },
    err(text: string) {
      host.stderr += text;
    },
  };
  return host;
}
