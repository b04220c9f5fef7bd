import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ENV_VARS, loadEnvFile, lookupEnv, parseEnv, parseFlag } from '../src/env.js';

const dir = mkdtempSync(join(tmpdir(), 'kwtsms-env-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let fileCount = 0;
function envFile(text: string): string {
  const path = join(dir, `env-${++fileCount}`);
  writeFileSync(path, text);
  return path;
}

describe('parseEnv', () => {
  it.each([
    // The documented examples
    ['PASS="a#b"', { PASS: 'a#b' }],
    ['PASS=p@ss#word', { PASS: 'p@ss#word' }],
    ['A="x y" # note', { A: 'x y' }],
    ["A='x y' # note", { A: 'x y' }],
    ['export A=1', { A: '1' }],
    ['export\tA=1', { A: '1' }],
    ['export   A="q"', { A: 'q' }],
    // a key named export is a key
    ['export=1', { export: '1' }],
    ['export = 1', { export: '1' }],
    ['export\t= 1', { export: '1' }],
    ['A=1\r\nB="two"\r\nC=three\r\n', { A: '1', B: 'two', C: 'three' }],
    // comments and blank lines
    ['# comment\n\n   # indented comment\nA=1\n\n', { A: '1' }],
    ['A=x #c', { A: 'x' }],
    ['A=x\t#c', { A: 'x' }],
    ['A= #only a comment', { A: '' }],
    ['A=#x', { A: '#x' }],
    ['A=x#y #z', { A: 'x#y' }],
    // quotes kept verbatim inside
    ["A='x # y'", { A: 'x # y' }],
    ['A="it\'s"', { A: "it's" }],
    ['A=""', { A: '' }],
    ["A=''", { A: '' }],
    ['A="  padded  "', { A: '  padded  ' }],
    ['A="a"b"', { A: 'a"b' }],
    // plain values
    ['A=', { A: '' }],
    ['A=b=c', { A: 'b=c' }],
    ['A = 1', { A: '1' }],
    ['   A=1', { A: '1' }],
    ['A=x   ', { A: 'x' }],
    ['A=1\nA=2', { A: '2' }],
    ['KWTSMS_USERNAME=user\nKWTSMS_PASSWORD="p@ss #1"\n', { KWTSMS_USERNAME: 'user', KWTSMS_PASSWORD: 'p@ss #1' }],
    // lines that are not assignments are skipped
    ['A', {}],
    ['=x', {}],
    ['KEY WITH SPACE=1', {}],
    ['', {}],
  ])('%j -> %j', (text, expected) => {
    expect(parseEnv(text)).toEqual(expected);
  });

  it.each([
    ['A="abc', '"abc'],
    ["A='abc", "'abc"],
    ['A="', '"'],
    ["A='", "'"],
    ['A="abc\'', '"abc\''],
    ['A="x"y', '"x"y'],
  ])('never throws on the odd quote %j and keeps it as text', (text, value) => {
    expect(() => parseEnv(text)).not.toThrow();
    expect(parseEnv(text)).toEqual({ A: value });
  });

  it('does not let an odd quote swallow the following lines', () => {
    expect(parseEnv('A="abc\nB=2')).toEqual({ A: '"abc', B: '2' });
  });

  it('returns a plain object and never pollutes prototypes', () => {
    const vars = parseEnv('__proto__=x\nconstructor=y');
    expect(Object.getPrototypeOf(vars)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(vars.constructor).toBe('y');
  });
});

describe('loadEnvFile', () => {
  it('reads and parses a file', () => {
    expect(loadEnvFile(envFile('export KWTSMS_USERNAME=me\nKWTSMS_PASSWORD="a#b"\n'))).toEqual({
      KWTSMS_USERNAME: 'me',
      KWTSMS_PASSWORD: 'a#b',
    });
  });

  it.each([
    ['an absent file', () => join(dir, 'does-not-exist.env')],
    ['a directory', () => dir],
    ['the empty path', () => ''],
  ])('returns {} for %s', (_name, path) => {
    expect(loadEnvFile(path())).toEqual({});
  });
});

describe('lookupEnv', () => {
  it('reads the given env first, then the file', () => {
    const get = lookupEnv({ env: { A: 'from-env' }, envFile: envFile('A=from-file\nB=file-only') });
    expect(get('A')).toBe('from-env');
    expect(get('B')).toBe('file-only');
    expect(get('C')).toBeUndefined();
  });

  it('lets an empty string in the environment win over the file', () => {
    const get = lookupEnv({ env: { A: '' }, envFile: envFile('A=from-file') });
    expect(get('A')).toBe('');
  });

  it('treats an undefined binding as unset', () => {
    const get = lookupEnv({ env: { A: undefined }, envFile: envFile('A=from-file') });
    expect(get('A')).toBe('from-file');
  });

  it('ignores inherited keys of the env object', () => {
    const get = lookupEnv({ env: {}, envFile: '' });
    expect(get('toString')).toBeUndefined();
    expect(get('constructor')).toBeUndefined();
  });

  it('reads the file at most once', () => {
    const path = envFile('A=first');
    const get = lookupEnv({ env: {}, envFile: path });
    expect(get('A')).toBe('first');
    writeFileSync(path, 'A=second\nB=new');
    expect(get('A')).toBe('first');
    expect(get('B')).toBeUndefined();
  });

  describe('with process.env', () => {
    const saved = process.env.KWTSMS_ENV_TEST;
    afterEach(() => {
      if (saved === undefined) delete process.env.KWTSMS_ENV_TEST;
      else process.env.KWTSMS_ENV_TEST = saved;
    });

    it('reads process.env when no env is given', () => {
      process.env.KWTSMS_ENV_TEST = 'from-process';
      expect(lookupEnv({ envFile: '' })('KWTSMS_ENV_TEST')).toBe('from-process');
    });

    it('does not read process.env when env is given', () => {
      process.env.KWTSMS_ENV_TEST = 'from-process';
      expect(lookupEnv({ env: {}, envFile: '' })('KWTSMS_ENV_TEST')).toBeUndefined();
    });
  });
});

describe('parseFlag', () => {
  it.each([
    ['1', true],
    ['true', true],
    ['TRUE', true],
    ['True', true],
    ['yes', true],
    ['YES', true],
    [' yes ', true],
    ['0', false],
    ['false', false],
    ['no', false],
    ['', false],
    ['on', false],
    ['2', false],
    [undefined, false],
  ])('%j -> %s', (value, expected) => {
    expect(parseFlag(value)).toBe(expected);
  });

  it.each([
    [undefined, true],
    ['', true],
    ['maybe', true],
    ['1', true],
    [' No ', false],
    ['FALSE', false],
    ['0', false],
  ])('%j with fallback true -> %s', (value, expected) => {
    expect(parseFlag(value, true)).toBe(expected);
  });
});

describe('ENV_VARS', () => {
  it('names the five variables and is frozen', () => {
    expect(ENV_VARS).toEqual({
      username: 'KWTSMS_USERNAME',
      password: 'KWTSMS_PASSWORD',
      senderId: 'KWTSMS_SENDER_ID',
      testMode: 'KWTSMS_TEST_MODE',
      logFile: 'KWTSMS_LOG_FILE',
    });
    expect(Object.isFrozen(ENV_VARS)).toBe(true);
  });
});

describe('lookupEnv with Worker-style bindings', () => {
  it('accepts an interface-typed env with non-string bindings and reads only strings', () => {
    interface Env {
      KWTSMS_USERNAME: string;
      SESSIONS: { get(key: string): Promise<string | null> };
    }
    const env: Env = { KWTSMS_USERNAME: 'worker-user', SESSIONS: { get: async () => null } };
    const get = lookupEnv({ env, envFile: '' });
    expect(get('KWTSMS_USERNAME')).toBe('worker-user');
    expect(get('SESSIONS')).toBeUndefined();
  });
});
