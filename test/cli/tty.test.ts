/**
 * The CLI under a real pseudo-terminal (util-linux `script`): the progress
 * bar appears on its own, and the password prompt does not echo.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeGateway, type FakeServer } from '../../src/testing/index.js';
import { buildCli, cleanEnv, HAS_SCRIPT, shellQuote, type BuiltCli } from './helpers.js';

interface TtyRun {
  code: number | null;
  /** stdout and stderr together, as the terminal showed them. */
  screen: string;
}

let built: BuiltCli;

/** Runs the CLI on a pseudo-terminal; `answer` is typed once `waitFor` appears on screen. */
function onTerminal(args: readonly string[], env: Record<string, string>, waitFor?: string, answer?: string): Promise<TtyRun> {
  const command = [process.execPath, built.cli, ...args].map(shellQuote).join(' ');
  return new Promise((done, fail) => {
    const child = spawn('script', ['-qec', command, '/dev/null'], { cwd: built.cwd, env: cleanEnv(env) });
    let screen = '';
    let answered = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      screen += chunk;
      if (!answered && waitFor !== undefined && answer !== undefined && screen.includes(waitFor)) {
        answered = true;
        child.stdin.write(answer);
      }
    });
    child.on('error', fail);
    child.on('close', (code) => done({ code, screen }));
  });
}

describe.skipIf(!HAS_SCRIPT)('on a terminal', () => {
  let server: FakeServer;

  beforeAll(async () => {
    built = buildCli();
    server = await createFakeGateway({ username: 'alice', password: 'typed-secret' }).serve();
  }, 120_000);

  afterAll(async () => {
    await server.close();
    built.cleanup();
  });

  it('draws the progress bar for send --file', async () => {
    writeFileSync(join(built.cwd, 'numbers.txt'), '96598765432\n96550123456\n');
    const run = await onTerminal(['--fake', 'send', '--file', 'numbers.txt', 'Hello'], {});
    expect(run.code).toBe(0);
    expect(run.screen).toContain(`\r[${'#'.repeat(30)}] 2/2 numbers, batch 1/1`);
    expect(run.screen).toMatch(/result +OK/);
  });

  it('can be turned off with KWTSMS_PROGRESS=0', async () => {
    writeFileSync(join(built.cwd, 'numbers.txt'), '96598765432\n');
    const run = await onTerminal(['--fake', 'send', '--file', 'numbers.txt', 'Hello'], { KWTSMS_PROGRESS: '0' });
    expect(run.code).toBe(0);
    expect(run.screen).not.toContain('[#');
  });

  it('asks for the password without echoing it', async () => {
    const env = { KWTSMS_USERNAME: 'alice', KWTSMS_BASE_URL: server.url };
    const run = await onTerminal(['verify'], env, 'password for alice: ', 'typed-secret\r');
    expect(run.code).toBe(0);
    expect(run.screen).toContain('kwtSMS API password for alice: ');
    expect(run.screen).not.toContain('typed-secret');
    expect(run.screen).toMatch(/credentials +OK/);
  });

  it('exits 130 on Ctrl-C at the prompt', async () => {
    const env = { KWTSMS_USERNAME: 'alice', KWTSMS_BASE_URL: server.url };
    const run = await onTerminal(['verify'], env, 'password for alice: ', 'typ\u0003');
    expect(run.code).toBe(130);
    expect(run.screen).not.toContain('typ\r');
    expect(run.screen).not.toMatch(/credentials/);
  });
});
