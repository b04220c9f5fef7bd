import { describe, expect, it } from 'vitest';
import { createProgressBar, progressEnabled, renderProgress } from '../../src/cli/progress.js';

describe('renderProgress', () => {
  it.each([
    [{ batchesDone: 0, batchesTotal: 2, numbersDone: 0, numbersTotal: 400 }, '[----------] 0/400 numbers, batch 0/2'],
    [{ batchesDone: 1, batchesTotal: 2, numbersDone: 200, numbersTotal: 350 }, '[######----] 200/350 numbers, batch 1/2'],
    [{ batchesDone: 2, batchesTotal: 2, numbersDone: 350, numbersTotal: 350 }, '[##########] 350/350 numbers, batch 2/2'],
    [{ batchesDone: 0, batchesTotal: 0, numbersDone: 0, numbersTotal: 0 }, '[##########] 0/0 numbers, batch 0/0'],
  ])('%j', (progress, expected) => {
    expect(renderProgress(progress, 10)).toBe(expected);
  });
});

describe('progressEnabled', () => {
  it.each([
    [undefined, true, true],
    [undefined, false, false],
    ['1', false, true],
    ['YES', false, true],
    ['true', false, true],
    ['0', true, false],
    ['no', true, false],
    ['', true, true],
    ['maybe', false, false],
  ])('KWTSMS_PROGRESS=%j, TTY %s -> %s', (setting, tty, expected) => {
    expect(progressEnabled(setting, tty)).toBe(expected);
  });
});

describe('createProgressBar', () => {
  it('redraws in place and ends the line once', () => {
    let text = '';
    const bar = createProgressBar((chunk) => (text += chunk));
    bar.finish();
    expect(text).toBe('');
    bar.update({ batchesDone: 1, batchesTotal: 2, numbersDone: 1, numbersTotal: 2 });
    bar.update({ batchesDone: 2, batchesTotal: 2, numbersDone: 2, numbersTotal: 2 });
    bar.finish();
    bar.finish();
    expect(text.split('\r')).toHaveLength(3);
    expect(text.endsWith('2/2 numbers, batch 2/2\n')).toBe(true);
    expect(text.match(/\n/g)).toHaveLength(1);
  });
});
