import { EventEmitter } from 'node:events';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { captureHost, PACKAGE_VERSION } from './helpers.js';
import type { Host } from '../../src/cli/host.js';
import { ENV_VARS } from '../../src/env.js';
import { server } from '../msw.js';
import type { SendResult } from '../../src/types.js';


class Terminal extends EventEmitter {
  isRaw = false;
  constructor(
    readonly isTTY: boolean,
    private readonly typed: string,
  ) {
    super();
  }
  setRawMode(mode: boolean): this {
    this.isRaw = mode;
    return this;
  }
  setEncoding(): this {
    return this;
  }
  resume(): this {
    setImmediate(() => this.emit('data', this.typed));
    return this;
  }
  pause(): this {
    return this;
  }
}

function capture(env: Record<string, string>, stdin = new Terminal(false, '')): Host & { stdout: string; stderr: string } {
  return captureHost(env, stdin);
}

describe('main, in-process', () => {
  it('runs a command against the fake', async () => {
    const host = capture({});
    expect(await main(['send', '96598765432', 'Hi', '--json'], host)).toBe(0);
    expect((JSON.parse(host.stdout) as SendResult).result).toBe('OK');
    expect(host.stderr).toContain('using the built-in fake gateway');
  });

  it('prints the usage on a usage error and returns 2', async () => {
    const host = capture({});
    expect(await main(['nope'], host)).toBe(2);
    expect(host.stderr).toMatch(/^kwtsms: Unknown command 'nope'\n\nUsage: kwtsms/);
    expect(host.stdout).toBe('');
  });

  it('prints the version of package.json', async () => {
    const host = capture({});
    expect(await main(['-v'], host)).toBe(0);
    expect(host.stdout).toBe(`${PACKAGE_VERSION}\n`);
  });

  it('asks for the password on a terminal when only the username is set, without echoing it', async () => {
    let seen: unknown;
    server.use(
      http.post('https://www.kwtsms.com/API/balance/', async ({ request }) => {
        seen = await request.json();
        return HttpResponse.json({ result: 'OK', available: 5, purchased: 10 });
      }),
    );
    const terminal = new Terminal(true, 'typed-pass\r');
    const host = capture({ [ENV_VARS.username]: 'alice' }, terminal);
    expect(await main(['verify'], host)).toBe(0);
    expect(seen).toEqual({ username: 'alice', password: 'typed-pass' });
    expect(host.stderr).toBe('kwtSMS API password for alice: \n');
    expect(host.stdout).toBe('credentials  OK\nbalance      5\npurchased    10\n');
    expect(terminal.isRaw).toBe(false);
  });

  it('returns 130 and sends nothing when the prompt is cancelled', async () => {
    const host = capture({ [ENV_VARS.username]: 'alice' }, new Terminal(true, '\u0003'));
    expect(await main(['verify'], host)).toBe(130);
    expect(host.stdout).toBe('');
  });

  it('checks the arguments before asking for a password', async () => {
    const terminal = new Terminal(true, 'typed-pass\r');
    const host = capture({ [ENV_VARS.username]: 'alice' }, terminal);
    expect(await main(['status'], host)).toBe(2);
    expect(host.stderr).not.toContain('password for');
  });

  it('refuses an empty password', async () => {
    const host = capture({ [ENV_VARS.username]: 'alice' }, new Terminal(true, '\r'));
    expect(await main(['verify'], host)).toBe(2);
    expect(host.stderr).toContain('No password given.');
  });
});
