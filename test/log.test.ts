import { mkdtempSync, promises, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { flushLogs, maskRequest, writeLog } from '../src/log.js';
import type { LogEntry } from '../src/types.js';

const dir = mkdtempSync(join(tmpdir(), 'kwtsms-log-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const entry = (n = 0): LogEntry => ({
  ts: new Date(0).toISOString(),
  endpoint: 'send',
  request: { username: 'u', password: '***', mobile: '96598765432', n },
  response: { result: 'OK' },
  ok: true,
  error: null,
});

describe('maskRequest', () => {
  it.each([
    [{ username: 'u', password: 'secret' }, { username: 'u', password: '***' }],
    [{ username: 'u', password: '' }, { username: 'u', password: '***' }],
    [{ username: 'u', mobile: '1' }, { username: 'u', mobile: '1' }],
  ])('%j -> %j', (body, expected) => {
    expect(maskRequest(body)).toEqual(expected);
  });

  it('returns a copy and never mutates the body', () => {
    const body = Object.freeze({ username: 'u', password: 'secret' });
    const masked = maskRequest(body);
    expect(masked).not.toBe(body);
    expect(body.password).toBe('secret');
    const plain = { username: 'u' };
    expect(maskRequest(plain)).not.toBe(plain);
  });
});

describe('writeLog', () => {
  it('gives the entry to the logger', () => {
    const logger = vi.fn();
    const e = entry();
    writeLog({ logger }, e);
    expect(logger).toHaveBeenCalledTimes(1);
    expect(logger).toHaveBeenCalledWith(e);
  });

  it('swallows a throwing logger', () => {
    expect(() =>
      writeLog(
        {
          logger: () => {
            throw new Error('logger broke');
          },
        },
        entry(),
      ),
    ).not.toThrow();
  });

  it('appends JSONL lines in call order to a file created with mode 0600', async () => {
    const path = join(dir, 'calls.log');
    for (let i = 0; i < 30; i++) writeLog({ logFile: path }, entry(i));
    await flushLogs();
    const lines = readFileSync(path, 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((l) => (JSON.parse(l) as LogEntry).request.n)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('writes to both the logger and the file', async () => {
    const path = join(dir, 'both.log');
    const logger = vi.fn();
    writeLog({ logger, logFile: path }, entry(7));
    await flushLogs();
    expect(logger).toHaveBeenCalledTimes(1);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(entry(7));
  });

  it('ignores an unwritable file', async () => {
    const path = join(dir, 'no-such-dir', 'x.log');
    expect(() => writeLog({ logFile: path }, entry())).not.toThrow();
    await expect(flushLogs()).resolves.toBeUndefined();
    expect(() => statSync(path)).toThrow();
  });

  it('still writes an entry whose response cannot be serialized', async () => {
    const path = join(dir, 'bigint.log');
    writeLog({ logFile: path }, { ...entry(), response: 10n });
    await flushLogs();
    expect((JSON.parse(readFileSync(path, 'utf8')) as LogEntry).response).toBe('10');
  });

  it("treats logFile '' as off: no file is written", async () => {
    const append = vi.spyOn(promises, 'appendFile');
    const logger = vi.fn();
    expect(() => writeLog({ logFile: '', logger }, entry())).not.toThrow();
    await flushLogs();
    expect(logger).toHaveBeenCalledTimes(1);
    expect(append).not.toHaveBeenCalled();
    // The same spy does see the write of a log file that is on.
    const path = join(dir, 'on.log');
    writeLog({ logFile: path }, entry());
    await flushLogs();
    expect(append).toHaveBeenCalledTimes(1);
    expect(append.mock.calls[0]?.[0]).toBe(path);
    append.mockRestore();
  });
});
