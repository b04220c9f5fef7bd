/**
 * The progress bar of a bulk send. Drawn on stderr, and only on a terminal:
 * a redirected stderr (a log file, CI) would fill with carriage returns.
 */
import { parseFlag } from '../env.js';
import type { BulkProgress } from '../types.js';

/**
 * One frame of the bar.
 *
 * @param progress what `sendBulk` reported
 * @param size the bar's width in characters
 * @example
 * renderProgress({ batchesDone: 1, batchesTotal: 2, numbersDone: 200, numbersTotal: 350 }, 10);
 * // '[######----] 200/350 numbers, batch 1/2'
 */
export function renderProgress(progress: BulkProgress, size = 30): string {
  const share = progress.numbersTotal > 0 ? progress.numbersDone / progress.numbersTotal : 1;
  const filled = Math.min(size, Math.max(0, Math.round(share * size)));
  const bar = '#'.repeat(filled) + '-'.repeat(size - filled);
  return `[${bar}] ${progress.numbersDone}/${progress.numbersTotal} numbers, batch ${progress.batchesDone}/${progress.batchesTotal}`;
}

/**
 * Whether to draw the bar: `KWTSMS_PROGRESS` forces it on ('1', 'true', 'yes') or off ('0',
 * 'false', 'no'); otherwise only when stderr is a terminal.
 *
 * @example
 * progressEnabled(process.env.KWTSMS_PROGRESS, process.stderr.isTTY === true);
 */
export function progressEnabled(setting: string | undefined, stderrIsTTY: boolean): boolean {
  return parseFlag(setting, stderrIsTTY);
}

/** A bar bound to an output. */
export interface ProgressBar {
  /** Pass as `sendBulk`'s `onProgress`. */
  update(progress: BulkProgress): void;
  /** Ends the bar's line, if one was drawn. */
  finish(): void;
}

/**
 * A bar that redraws itself in place with a carriage return.
 *
 * @param write where frames go (stderr)
 * @example
 * const bar = createProgressBar((text) => process.stderr.write(text));
 * await sms.sendBulk(numbers, text, { onProgress: bar.update });
 * bar.finish();
 */
export function createProgressBar(write: (text: string) => void): ProgressBar {
  let drawn = false;
  return {
    update(progress) {
      write(`\r${renderProgress(progress)}`);
      drawn = true;
    },
    finish() {
      if (drawn) write('\n');
      drawn = false;
    },
  };
}
