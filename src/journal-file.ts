/**
 * `fileJournal`: a bulk-send journal in an append-only JSONL file, one record
 * a line, each flushed to the disk before the request it announces is made.
 * The file is reached through `node.ts`, so Workers and browsers never load
 * `node:fs`.
 */
import type { BulkJournal, JournalRecord } from './journal.js';
import { durableFile } from './node.js';

/**
 * The records of a journal file's text. A last line with no newline was cut off by a crash while
 * it was written: it counts as never written. Any other line that is not JSON is damage, not a
 * crash, and throws.
 *
 * @returns the records, the length in bytes of the lines they came from, and whether a torn line follows
 * @example
 * // internal: src/journal-file.ts
 * parseJournalText('{"type":"begin","batch":1,"at":"…"}\n{"type":"outc'); // one record; the torn line is dropped
 */
export function parseJournalText(text: string, path: string): { records: JournalRecord[]; bytes: number; torn: boolean } {
  const end = text.lastIndexOf('\n') + 1;
  const whole = text.slice(0, end);
  const records = whole
    .split('\n')
    .slice(0, -1)
    .map((line, i): JournalRecord => {
      try {
        return JSON.parse(line) as JournalRecord;
      } catch {
        throw new Error(`line ${i + 1} of ${path} is not JSON`);
      }
    });
  return { records, bytes: new TextEncoder().encode(whole).byteLength, torn: end < text.length };
}

/**
 * A journal in a JSONL file (Node, Bun, Deno): created with mode 0600 if missing, only ever appended
 * to, one record at a time, each flushed to the disk (fsync) before the send goes on, so a campaign
 * survives a crash. Reading it drops a torn last line left by a crash mid-write. Give each campaign its own file;
 * one process at a time.
 *
 * @param path the file, such as `'campaign-2026-03.jsonl'`
 * @throws TypeError for an empty path, or where there is no file system (Cloudflare Workers, browsers):
 *   use `memoryJournal()` or a `BulkJournal` of your own there
 * @example
 * import { KwtSMS, fileJournal } from 'kwtsms';
 * const sms = KwtSMS.fromEnv();
 * // Run it again after a crash: batches already sent are skipped, never sent twice.
 * const result = await sms.sendBulk(numbers, 'Eid offer: 20% off', { journal: fileJournal('eid-campaign.jsonl') });
 */
export function fileJournal(path: string): BulkJournal {
  if (typeof path !== 'string' || path.trim() === '') {
    throw new TypeError('fileJournal: path must be a non-empty string, such as "campaign.jsonl"');
  }
  const file = durableFile(path);
  if (file === undefined) {
    throw new TypeError(
      'fileJournal needs a file system (Node, Bun or Deno); this runtime has no node:fs. ' +
        'In Cloudflare Workers and browsers, use memoryJournal() or keep the records in your own store (see BulkJournal).',
    );
  }
  // One record at a time, each after the last is on the disk: a crash can then tear only the last line.
  let written: Promise<unknown> = Promise.resolve();
  return {
    async read() {
      const text = await file.read();
      const { records, bytes, torn } = parseJournalText(text, path);
      // Cut the torn line off, or the next record would be glued to it.
      if (torn) await file.truncate(bytes);
      return records;
    },
    append(record) {
      const line = `${JSON.stringify(record)}\n`;
      const append = written.then(() => file.append(line));
      written = append.catch(() => undefined);
      return append;
    },
  };
}
