import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, appendFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KwtSMS } from '../src/client.js';
import { fileJournal, parseJournalText } from '../src/journal-file.js';
import { durableFile } from '../src/node.js';
import { createFakeGateway } from '../src/testing/index.js';
import { kuwaitNumbers } from './helpers/gateway.js';

const NUMBERS = kuwaitNumbers(6);

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kwtsms-journal-'));
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  rmSync(dir, { recursive: true, force: true });
});

function setup() {
  const fake = createFakeGateway();
  const sms = new KwtSMS('user', 'pass', { fetch: fake.fetch, batchSize: 2, batchDelayMs: 1 });
  return { fake, sms };
}

const lines = (path: string): Record<string, unknown>[] =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('parseJournalText', () => {
  it.each([
    ['', [], 0, false],
    ['{"a":1}\n', [{ a: 1 }], 8, false],
    ['{"a":1}\n{"b":', [{ a: 1 }], 8, true],
    ['{"a":1}\n{"b":2}', [{ a: 1 }], 8, true],
    ['{"b":', [], 0, true],
    ['{"m":"é"}\n{', [{ m: 'é' }], 11, true],
  ])('reads %j as %j (%i bytes, torn: %s)', (text, records, bytes, torn) => {
    expect(parseJournalText(text, 'j.jsonl')).toEqual({ records, bytes, torn });
  });

  it('throws for a damaged line that is not the last', () => {
    expect(() => parseJournalText('{"a":1}\n{"b"\n{"c":3}\n', 'j.jsonl')).toThrow('line 2 of j.jsonl is not JSON');
  });
});

describe('durableFile', () => {
  it('reads a missing file as empty, appends (creating it with mode 0600), and truncates', async () => {
    const path = join(dir, 'nested.jsonl');
    const file = durableFile(path);
    if (file === undefined) throw new Error('Node has node:fs');
    expect(await file.read()).toBe('');
    await file.append('one\n');
    await file.append('two\n');
    expect(await file.read()).toBe('one\ntwo\n');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    await file.truncate(4);
    expect(readFileSync(path, 'utf8')).toBe('one\n');
  });

  it('rejects a read of a path that exists but is not a readable file', async () => {
    await expect(durableFile(dir)?.read()).rejects.toMatchObject({ code: 'EISDIR' });
  });

  it('is undefined where the runtime has no node:fs', () => {
    vi.stubGlobal('process', { env: {} });
    expect(durableFile(join(dir, 'x.jsonl'))).toBeUndefined();
  });
});

describe('fileJournal', () => {
  it('appends one JSON record a line to a file created with mode 0600, and reads them back', async () => {
    const path = join(dir, 'campaign.jsonl');
    const { sms } = setup();
    const result = await sms.sendBulk(NUMBERS, 'Hi', { journal: fileJournal(path) });
    expect(result).toMatchObject({ result: 'OK', batches: 3 });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const records = lines(path);
    expect(records[0]).toMatchObject({ type: 'plan', version: 1, batches: 3, numbers: 6 });
    expect(records.slice(1).map((r) => `${String(r.type)} ${String(r.batch)}`).sort()).toEqual([
      'begin 1',
      'begin 2',
      'begin 3',
      'outcome 1',
      'outcome 2',
      'outcome 3',
    ]);
    expect(await fileJournal(path).read()).toEqual(records);
  });

  it('never holds the password or the message text, only the digest of the plan', async () => {
    const path = join(dir, 'campaign.jsonl');
    const fake = createFakeGateway();
    const sms = new KwtSMS('user', 'S3cr3t-P@ss', { fetch: fake.fetch, batchSize: 2, batchDelayMs: 1 });
    await sms.sendBulk(NUMBERS, 'Your code is 482913', { journal: fileJournal(path) });
    const text = readFileSync(path, 'utf8');
    expect(text).not.toContain('S3cr3t-P@ss');
    expect(text).not.toContain('482913');
  });

  it('writes concurrent appends one at a time, in the order they were made', async () => {
    const path = join(dir, 'campaign.jsonl');
    const journal = fileJournal(path);
    await Promise.all(Array.from({ length: 20 }, (_, i) => journal.append({ type: 'begin', batch: i + 1, at: 'now' })));
    expect(lines(path).map((r) => r.batch)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('flushes each record to the disk before the request it announces is made', async () => {
    const path = join(dir, 'campaign.jsonl');
    const handle = await open(join(dir, 'probe'), 'w');
    const sync = vi.spyOn(Object.getPrototypeOf(handle) as { sync(): Promise<void> }, 'sync');
    await handle.close();
    const fake = createFakeGateway();
    const checks: { begun: boolean; flushed: boolean }[] = [];
    const sms = new KwtSMS('user', 'pass', {
      batchSize: 2,
      batchDelayMs: 1,
      fetch: (input, init) => {
        const records = lines(path);
        const first = JSON.parse(String(init?.body)).mobile.split(',')[0] as string;
        const batch = NUMBERS.indexOf(first) / 2 + 1;
        checks.push({
          begun: records.some((r) => r.type === 'begin' && r.batch === batch),
          // Every line in the file so far was followed by an fsync (the directory's adds one more).
          flushed: sync.mock.calls.length >= records.length,
        });
        return fake.fetch(input, init);
      },
    });
    await sms.sendBulk(NUMBERS, 'Hi', { journal: fileJournal(path) });
    expect(checks).toEqual([
      { begun: true, flushed: true },
      { begun: true, flushed: true },
      { begun: true, flushed: true },
    ]);
  });

  it('resumes from the file in a new journal object, as another process would', async () => {
    const path = join(dir, 'campaign.jsonl');
    const { fake, sms } = setup();
    const controller = new AbortController();
    await sms.sendBulk(NUMBERS, 'Hi', {
      journal: fileJournal(path),
      signal: controller.signal,
      onProgress: (p) => p.batchesDone === 1 && controller.abort(),
    });
    const resumed = await sms.sendBulk(NUMBERS, 'Hi', { journal: fileJournal(path) });
    const requested = fake.state.requests.map((r) => r.body?.mobile);
    // Batch 3 never began in the first run; batch 2 may have been in flight when it stopped (then INTERRUPTED).
    expect(new Set(requested).size).toBe(requested.length);
    expect(requested).toContain(NUMBERS.slice(4, 6).join(','));
    expect(resumed.errors.every((e) => e.code === 'INTERRUPTED')).toBe(true);
    expect(resumed.numbers + resumed.errors.flatMap((e) => e.numbers).length).toBe(6);
  });

  it('treats a torn last line as never written, and cuts it off so the next record starts a clean line', async () => {
    const path = join(dir, 'campaign.jsonl');
    const { fake, sms } = setup();
    await sms.sendBulk(NUMBERS.slice(0, 2), 'Hi', { journal: fileJournal(path), signal: AbortSignal.abort() });
    const plan = readFileSync(path, 'utf8');
    // A crash while the begin of batch 1 was being written.
    appendFileSync(path, '{"type":"begin","bat');
    const result = await sms.sendBulk(NUMBERS.slice(0, 2), 'Hi', { journal: fileJournal(path) });
    expect(result).toMatchObject({ result: 'OK', batches: 1, errors: [] });
    expect(fake.state.requests).toHaveLength(1);
    const text = readFileSync(path, 'utf8');
    expect(text.startsWith(plan)).toBe(true);
    expect(lines(path).map((r) => r.type)).toEqual(['plan', 'begin', 'outcome']);
  });

  it('resolves JOURNAL_FAILED and sends nothing when a line inside the file is damaged', async () => {
    const path = join(dir, 'campaign.jsonl');
    writeFileSync(path, '{"type":"plan"\n{"type":"begin","batch":1}\n');
    const { fake, sms } = setup();
    const result = await sms.sendBulk(NUMBERS, 'Hi', { journal: fileJournal(path) });
    expect(fake.state.requests).toEqual([]);
    expect(result).toMatchObject({
      result: 'ERROR',
      code: 'JOURNAL_FAILED',
      description: `The journal could not be read: line 1 of ${path} is not JSON`,
      errors: [{ batch: 0, code: 'JOURNAL_FAILED', numbers: NUMBERS }],
    });
  });

  it.each([
    ['a directory that is a file', (d: string) => { writeFileSync(join(d, 'file'), ''); return join(d, 'file', 'campaign.jsonl'); }, 'ENOTDIR'],
    ['a directory', (d: string) => d, 'EISDIR'],
  ])('resolves JOURNAL_FAILED and sends nothing when the file cannot be written (%s)', async (_name, pathIn, errno) => {
    const path = pathIn(dir);
    const { fake, sms } = setup();
    const result = await sms.sendBulk(NUMBERS, 'Hi', { journal: fileJournal(path) });
    expect(fake.state.requests).toEqual([]);
    expect(result).toMatchObject({ result: 'ERROR', code: 'JOURNAL_FAILED', batches: 0, errors: [{ batch: 0, numbers: NUMBERS }] });
    expect(result.description).toContain(errno);
    expect(result.action).toBe('Make the journal writable (path, permissions, free space), then run the same send again to resume.');
  });

  it.each([[''], ['   '], [42]])('throws a TypeError for the path %j', (path) => {
    expect(() => fileJournal(path as string)).toThrow(new TypeError('fileJournal: path must be a non-empty string, such as "campaign.jsonl"'));
  });

  it('throws a TypeError that says why where the runtime has no file system (Workers, browsers)', () => {
    vi.stubGlobal('process', undefined);
    expect(() => fileJournal('campaign.jsonl')).toThrow(
      new TypeError(
        'fileJournal needs a file system (Node, Bun or Deno); this runtime has no node:fs. ' +
          'In Cloudflare Workers and browsers, use memoryJournal() or keep the records in your own store (see BulkJournal).',
      ),
    );
  });
});
