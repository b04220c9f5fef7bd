import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { appendTextFile, builtinModule, processEnv, readTextFile, type NodeFs } from '../src/node.js';

const dir = mkdtempSync(join(tmpdir(), 'kwtsms-node-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  vi.unstubAllGlobals();
});

/** Runs `fn` with `globalThis.process` (and optionally `Deno`) replaced, restoring them before returning. */
function withGlobals<T>(globals: { process: unknown; Deno?: unknown }, fn: () => T): T {
  vi.stubGlobal('process', globals.process);
  if ('Deno' in globals) vi.stubGlobal('Deno', globals.Deno);
  try {
    return fn();
  } finally {
    vi.unstubAllGlobals();
  }
}

describe('builtinModule', () => {
  it('loads a Node built-in', () => {
    const fs = builtinModule<NodeFs>('node:fs');
    expect(typeof fs?.readFileSync).toBe('function');
  });

  it('answers undefined for an unknown module', () => {
    expect(builtinModule('node:no-such-module')).toBeUndefined();
  });

  it.each([
    ['no process', undefined],
    ['a process without getBuiltinModule', { env: {} }],
    ['a throwing getBuiltinModule', { getBuiltinModule: () => { throw new Error('denied'); } }],
  ])('answers undefined with %s', (_name, fakeProcess) => {
    expect(withGlobals({ process: fakeProcess }, () => builtinModule('node:fs'))).toBeUndefined();
  });
});

describe('processEnv', () => {
  it('is process.env on Node', () => {
    expect(processEnv()).toBe(process.env);
  });

  it.each([
    ['no process', undefined],
    ['a process without env', {}],
    [
      'an env getter that throws (Deno without --allow-env)',
      Object.defineProperty({}, 'env', {
        get() {
          throw new Error('PermissionDenied');
        },
      }),
    ],
  ])('is undefined with %s', (_name, fakeProcess) => {
    expect(withGlobals({ process: fakeProcess }, () => processEnv())).toBeUndefined();
  });
});

describe('readTextFile', () => {
  it('reads a UTF-8 file', () => {
    const path = join(dir, 'a.txt');
    writeFileSync(path, 'héllo ٩');
    expect(readTextFile(path)).toBe('héllo ٩');
  });

  it.each([
    ['an absent file', join(dir, 'absent.txt')],
    ['a directory', dir],
  ])('is undefined for %s', (_name, path) => {
    expect(readTextFile(path)).toBeUndefined();
  });

  it('is undefined without a file system', () => {
    expect(withGlobals({ process: undefined, Deno: undefined }, () => readTextFile(join(dir, 'a.txt')))).toBeUndefined();
  });

  it("falls back to Deno's readTextFileSync", () => {
    const deno = { readTextFileSync: vi.fn((path: string) => `deno:${path}`) };
    expect(withGlobals({ process: undefined, Deno: deno }, () => readTextFile('x.env'))).toBe('deno:x.env');
    expect(deno.readTextFileSync).toHaveBeenCalledWith('x.env');
  });

  it('is undefined when Deno cannot read the file', () => {
    const deno = {
      readTextFileSync: () => {
        throw new Error('NotFound');
      },
    };
    expect(withGlobals({ process: undefined, Deno: deno }, () => readTextFile('x.env'))).toBeUndefined();
  });
});

describe('appendTextFile', () => {
  it('creates the file with mode 0600 and appends', async () => {
    const path = join(dir, 'append.log');
    await expect(appendTextFile(path, 'one\n')).resolves.toBe(true);
    await expect(appendTextFile(path, 'two\n')).resolves.toBe(true);
    expect(readFileSync(path, 'utf8')).toBe('one\ntwo\n');
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('resolves false for an unwritable path', async () => {
    await expect(appendTextFile(join(dir, 'missing-dir', 'x.log'), 'x')).resolves.toBe(false);
  });

  it('resolves false without a file system', async () => {
    const pending = withGlobals({ process: undefined }, () => appendTextFile(join(dir, 'never.log'), 'x'));
    await expect(pending).resolves.toBe(false);
    expect(() => statSync(join(dir, 'never.log'))).toThrow();
  });
});
