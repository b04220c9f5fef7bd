import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../src/types.js';
import { apiError, client, gateway, okSend } from '../helpers/gateway.js';

describe('send: redact', () => {
  it('logs the message as *** and still sends it in full', async () => {
    const seen = gateway('send', (s) => okSend(s));
    const entries: LogEntry[] = [];
    const result = await client({ logger: (e) => entries.push(e) }).send('96598765432', 'Your code is 482913', { redact: true });
    expect(result.result).toBe('OK');
    expect(seen[0]!.body.message).toBe('Your code is 482913');
    expect(entries).toHaveLength(1);
    expect(entries[0]!.request).toMatchObject({ message: '***', password: '***', mobile: '96598765432' });
    expect(JSON.stringify(entries)).not.toContain('482913');
  });

  it('scrubs the message from an error answer that echoes it', async () => {
    gateway('send', (s) => apiError('ERR031', `banned words in: ${String(s.body.message)}`));
    const entries: LogEntry[] = [];
    const result = await client({ logger: (e) => entries.push(e) }).send('96598765432', 'Your code is 482913', { redact: true });
    expect(result).toMatchObject({ result: 'ERROR', code: 'ERR031', description: 'banned words in: ***' });
    expect(JSON.stringify(result)).not.toContain('482913');
    expect(JSON.stringify(entries)).not.toContain('482913');
  });

  it('shows the message when not asked to redact', async () => {
    gateway('send', (s) => okSend(s));
    const entries: LogEntry[] = [];
    await client({ logger: (e) => entries.push(e) }).send('96598765432', 'Hello there');
    expect(entries[0]!.request).toMatchObject({ message: 'Hello there' });
  });
});

describe('send: per-call retryDelaysMs', () => {
  it('[] returns the first ERR013 without a retry', async () => {
    const seen = gateway('send', () => apiError('ERR013'));
    const result = await client({ retryDelaysMs: [1, 1, 1] }).send('96598765432', 'hi', { retryDelaysMs: [] });
    expect(seen).toHaveLength(1);
    expect(result).toMatchObject({ result: 'ERROR', code: 'ERR013', batches: 1 });
  });

  it('replaces the client list for this call', async () => {
    const seen = gateway('send', (s) => (s.call < 1 ? apiError('ERR013') : okSend(s)));
    const result = await client({ retryDelaysMs: [60_000] }).send('96598765432', 'hi', { retryDelaysMs: [1] });
    expect(seen).toHaveLength(2);
    expect(result.result).toBe('OK');
  });
});

describe('send: option checks', () => {
  it.each([
    [{ redact: 'yes' }, /option `redact` must be a boolean/],
    [{ retryDelaysMs: [-1] }, /option `retryDelaysMs` must be an array of milliseconds >= 0/],
    [{ onProgress: 3 }, /option `onProgress` must be a function/],
  ])('%j is a TypeError', async (options, message) => {
    // @ts-expect-error: wrong types on purpose
    await expect(client().send('96598765432', 'hi', options)).rejects.toThrow(message);
  });
});
