import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { promptHidden, readKeys, type LineState } from '../../src/cli/prompt.js';

const EMPTY: LineState = { value: '', done: false, cancelled: false };

describe('readKeys', () => {
  it.each([
    ['secret', { value: 'secret', done: false, cancelled: false }],
    ['secret\r', { value: 'secret', done: true, cancelled: false }],
    ['secret\n', { value: 'secret', done: true, cancelled: false }],
    ['secrex\u007ft\r', { value: 'secret', done: true, cancelled: false }],
    ['ab\b\bcd\r', { value: 'cd', done: true, cancelled: false }],
    ['junk\u0015pw\r', { value: 'pw', done: true, cancelled: false }],
    ['pw\u0003', { value: '', done: false, cancelled: true }],
    ['\u0004', { value: '', done: false, cancelled: true }],
    ['pw\u0004', { value: 'pw', done: true, cancelled: false }],
    ['p\u001b[Dw\u001bOA\r', { value: 'pw', done: true, cancelled: false }],
    ['p\u0001w\t\r', { value: 'pw', done: true, cancelled: false }],
    ['p\u00e4\u{1F511}\u007f\r', { value: 'p\u00e4', done: true, cancelled: false }],
    ['pw\rignored', { value: 'pw', done: true, cancelled: false }],
  ])('%j', (keys, expected) => {
    expect(readKeys(EMPTY, keys)).toEqual(expected);
  });

  it('continues from an earlier state, as keys arrive in chunks', () => {
    const first = readKeys(EMPTY, 'sec');
    expect(readKeys(first, 'ret\r')).toEqual({ value: 'secret', done: true, cancelled: false });
  });
});

class FakeTerminal extends EventEmitter {
  isTTY = true;
  isRaw = false;
  rawModes: boolean[] = [];
  paused = true;
  setRawMode(mode: boolean): this {
    this.rawModes.push(mode);
    this.isRaw = mode;
    return this;
  }
  setEncoding(): this {
    return this;
  }
  resume(): this {
    this.paused = false;
    return this;
  }
  pause(): this {
    this.paused = true;
    return this;
  }
}

describe('promptHidden', () => {
  it('prompts, reads in raw mode without echo, then restores the terminal', async () => {
    const terminal = new FakeTerminal();
    let written = '';
    const answer = promptHidden(terminal, (text) => (written += text), 'Password: ');
    terminal.emit('data', 'hun');
    terminal.emit('data', 'ter2\r');
    await expect(answer).resolves.toBe('hunter2');
    expect(written).toBe('Password: \n');
    expect(terminal.rawModes).toEqual([true, false]);
    expect(terminal.paused).toBe(true);
    expect(terminal.listenerCount('data')).toBe(0);
  });

  it('resolves null on Ctrl-C', async () => {
    const terminal = new FakeTerminal();
    const answer = promptHidden(terminal, () => {}, 'Password: ');
    terminal.emit('data', 'abc\u0003');
    await expect(answer).resolves.toBeNull();
    expect(terminal.isRaw).toBe(false);
  });
});
