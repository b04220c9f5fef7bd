import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KwtSMS } from '../../src/client.js';
import { flushLogs } from '../../src/log.js';
import { gateway, PASSWORD } from '../helpers/gateway.js';

const VARS = ['KWTSMS_USERNAME', 'KWTSMS_PASSWORD', 'KWTSMS_SENDER_ID', 'KWTSMS_TEST_MODE', 'KWTSMS_LOG_FILE'] as const;

const dir = mkdtempSync(join(tmpdir(), 'kwtsms-fromenv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let count = 0;
function envFile(text: string): string {
  const path = join(dir, `.env-${++count}`);
  writeFileSync(path, text);
  return path;
}

// process.env is shared: clear our variables around every test and put the originals back.
const saved: Record<string, string | undefined> = {};
beforeEach(() => {
  for (const name of VARS) {
    saved[name] = process.env[name];
    delete process.env[name];
  }
});
afterEach(() => {
  for (const name of VARS) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

/** The body of the one balance request a client makes, to see the credentials it really uses. */
async function credentialsOf(sms: KwtSMS): Promise<{ username: unknown; password: unknown }> {
  const seen = gateway('balance', () => ({ result: 'OK', available: 1, purchased: 1 }));
  await sms.balance();
  expect(seen).toHaveLength(1);
  return { username: seen[0]!.body.username, password: seen[0]!.body.password };
}

async function sendBody(sms: KwtSMS): Promise<Record<string, unknown>> {
  const seen = gateway('send', () => ({ result: 'OK', 'msg-id': 'm', numbers: 1, 'points-charged': 1 }));
  await sms.send('96598765432', 'hi');
  expect(seen).toHaveLength(1);
  return seen[0]!.body;
}

describe('KwtSMS.fromEnv', () => {
  it('reads every variable from env', async () => {
    const sms = KwtSMS.fromEnv({
      env: { KWTSMS_USERNAME: 'env-user', KWTSMS_PASSWORD: PASSWORD, KWTSMS_SENDER_ID: 'ENV-SND', KWTSMS_TEST_MODE: '1' },
      envFile: '',
    });
    expect(sms.username).toBe('env-user');
    expect(sms.senderId).toBe('ENV-SND');
    expect(sms.testMode).toBe(true);
    await expect(credentialsOf(sms)).resolves.toEqual({ username: 'env-user', password: PASSWORD });
  });

  it('reads process.env when no env is given', async () => {
    process.env.KWTSMS_USERNAME = 'proc-user';
    process.env.KWTSMS_PASSWORD = PASSWORD;
    process.env.KWTSMS_SENDER_ID = 'PROC-SND';
    const sms = KwtSMS.fromEnv({ envFile: '' });
    expect(sms.username).toBe('proc-user');
    expect(sms.senderId).toBe('PROC-SND');
  });

  it('reads the .env file when the environment lacks a variable', async () => {
    const path = envFile(
      `KWTSMS_USERNAME=file-user\nKWTSMS_PASSWORD="${PASSWORD}"\nKWTSMS_SENDER_ID=FILE-SND\nKWTSMS_TEST_MODE=yes\n`,
    );
    const sms = KwtSMS.fromEnv({ env: {}, envFile: path });
    expect(sms.username).toBe('file-user');
    expect(sms.senderId).toBe('FILE-SND');
    expect(sms.testMode).toBe(true);
    await expect(credentialsOf(sms)).resolves.toEqual({ username: 'file-user', password: PASSWORD });
  });

  it('does not read process.env at all when env is given', () => {
    process.env.KWTSMS_USERNAME = 'proc-user';
    process.env.KWTSMS_PASSWORD = 'proc-pass';
    process.env.KWTSMS_SENDER_ID = 'PROC-SND';
    process.env.KWTSMS_TEST_MODE = '1';
    const sms = KwtSMS.fromEnv({ env: { KWTSMS_USERNAME: 'env-user', KWTSMS_PASSWORD: PASSWORD }, envFile: '' });
    expect(sms.username).toBe('env-user');
    expect(sms.senderId).toBe('KWT-SMS');
    expect(sms.testMode).toBe(false);
    expect(() => KwtSMS.fromEnv({ env: {}, envFile: '' })).toThrow(/KWTSMS_USERNAME/);
  });

  describe('precedence: explicit option > environment > .env > default', () => {
    const file = (): string => envFile('KWTSMS_USERNAME=u\nKWTSMS_PASSWORD=p\nKWTSMS_SENDER_ID=FILE-SND\nKWTSMS_TEST_MODE=1\n');

    it('explicit options win over env and file', () => {
      const sms = KwtSMS.fromEnv({ env: { KWTSMS_SENDER_ID: 'ENV-SND', KWTSMS_TEST_MODE: '1' }, envFile: file(), senderId: 'OPT-SND', testMode: false });
      expect(sms.senderId).toBe('OPT-SND');
      expect(sms.testMode).toBe(false);
    });

    it('env wins over the file', () => {
      const sms = KwtSMS.fromEnv({ env: { KWTSMS_SENDER_ID: 'ENV-SND', KWTSMS_TEST_MODE: 'no' }, envFile: file() });
      expect(sms.senderId).toBe('ENV-SND');
      expect(sms.testMode).toBe(false);
    });

    it('an empty string in env counts: the file value is not used', () => {
      const sms = KwtSMS.fromEnv({ env: { KWTSMS_SENDER_ID: '', KWTSMS_TEST_MODE: '' }, envFile: file() });
      expect(sms.senderId).toBe('KWT-SMS');
      expect(sms.testMode).toBe(false);
    });

    it('an empty username in env counts as missing even when the file has one', () => {
      expect(() => KwtSMS.fromEnv({ env: { KWTSMS_USERNAME: '' }, envFile: file() })).toThrow(/KWTSMS_USERNAME/);
    });

    it('the file wins over the defaults', () => {
      const sms = KwtSMS.fromEnv({ env: {}, envFile: file() });
      expect(sms.senderId).toBe('FILE-SND');
      expect(sms.testMode).toBe(true);
    });

    it('defaults apply when nothing is set', () => {
      const sms = KwtSMS.fromEnv({ env: { KWTSMS_USERNAME: 'u', KWTSMS_PASSWORD: 'p' }, envFile: '' });
      expect(sms.senderId).toBe('KWT-SMS');
      expect(sms.testMode).toBe(false);
    });

    it('passes other options through', async () => {
      const seen = gateway('balance', () => ({ result: 'OK', available: 1 }), 'https://example.com/x/');
      const sms = KwtSMS.fromEnv({ env: { KWTSMS_USERNAME: 'u', KWTSMS_PASSWORD: 'p' }, envFile: '', baseUrl: 'https://example.com/x' });
      await sms.balance();
      expect(seen).toHaveLength(1);
    });
  });

  it.each([
    ['1', true],
    ['true', true],
    ['TRUE', true],
    ['yes', true],
    ['YES', true],
    ['0', false],
    ['no', false],
    ['false', false],
    ['', false],
  ])('KWTSMS_TEST_MODE=%j -> testMode %s, sent as test flag', async (value, expected) => {
    const sms = KwtSMS.fromEnv({ env: { KWTSMS_USERNAME: 'u', KWTSMS_PASSWORD: 'p', KWTSMS_TEST_MODE: value }, envFile: '' });
    expect(sms.testMode).toBe(expected);
    expect((await sendBody(sms)).test).toBe(expected ? '1' : '0');
  });

  it('takes KWTSMS_LOG_FILE from the environment', async () => {
    const path = join(dir, 'from-env.log');
    const sms = KwtSMS.fromEnv({ env: { KWTSMS_USERNAME: 'u', KWTSMS_PASSWORD: 'p', KWTSMS_LOG_FILE: path }, envFile: '' });
    await credentialsOf(sms);
    await flushLogs();
    expect(readFileSync(path, 'utf8').trim().split('\n')).toHaveLength(1);
  });

  describe('missing credentials', () => {
    it.each([
      ['both', {}, ['KWTSMS_USERNAME', 'KWTSMS_PASSWORD']],
      ['the password', { KWTSMS_USERNAME: 'someone-secret-user' }, ['KWTSMS_PASSWORD']],
      ['the username', { KWTSMS_PASSWORD: PASSWORD }, ['KWTSMS_USERNAME']],
      ['both, set to empty strings', { KWTSMS_USERNAME: '', KWTSMS_PASSWORD: '' }, ['KWTSMS_USERNAME', 'KWTSMS_PASSWORD']],
    ])('missing %s -> an Error naming them and no value', (_name, env: Record<string, string>, missing) => {
      let error: unknown;
      try {
        KwtSMS.fromEnv({ env, envFile: '' });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(Error);
      const message = (error as Error).message;
      for (const name of missing) expect(message).toContain(name);
      for (const name of ['KWTSMS_USERNAME', 'KWTSMS_PASSWORD'].filter((n) => !missing.includes(n))) {
        expect(message).not.toContain(name);
      }
      for (const value of Object.values(env).filter((v) => v !== '')) expect(message).not.toContain(value);
    });

    it('fills a missing password from the file', () => {
      const sms = KwtSMS.fromEnv({ env: { KWTSMS_USERNAME: 'u' }, envFile: envFile(`KWTSMS_PASSWORD=${PASSWORD}`) });
      expect(sms.username).toBe('u');
    });
  });
});
