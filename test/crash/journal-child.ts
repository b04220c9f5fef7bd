/**
 * The process the crash tests kill: one bulk send through fileJournal to the
 * fake gateway the test serves over HTTP. A journal wrapper can stop the send
 * at a chosen moment and wait there to be killed: right after a batch's begin
 * record is on the disk (before its request), or halfway through writing a
 * record (the torn line a crash mid-write leaves). Nothing here reaches into
 * the library: the moments come from the journal the send is given.
 *
 *   node --import tsx test/crash/journal-child.ts <baseUrl> <journal> <stop> <batch> <inputs JSON>
 *   stop: none | after-begin | torn-begin | torn-outcome
 *
 * stdout: "STARTED" when the send begins, "PAUSED" when it waits at its moment, then the result as JSON.
 */
import { appendFileSync } from 'node:fs';
import { fileJournal, KwtSMS, type BulkJournal, type JournalRecord } from '../../src/index.js';

const [baseUrl = '', path = '', stop = 'none', batchText = '0', inputsJson = '[]'] = process.argv.slice(2);
const target = Number(batchText);
const inputs = JSON.parse(inputsJson) as string[];
const file = fileJournal(path);

let paused = false;

/**
 * Waits to be killed. From here on no record is written (a crash is an instant: nothing after it
 * happens), so another batch's record can never land after a torn line. The interval keeps the
 * process alive once nothing else is pending.
 */
function pause(): Promise<void> {
  if (!paused) {
    paused = true;
    process.stdout.write('PAUSED\n');
    setInterval(() => undefined, 60_000);
  }
  return new Promise(() => undefined);
}

// Records one at a time, as fileJournal writes them, so the torn write is the last thing on the disk.
let written: Promise<unknown> = Promise.resolve();

const journal: BulkJournal = {
  read: () => file.read(),
  append(record) {
    const append = written.then(() => write(record));
    written = append.catch(() => undefined);
    return append;
  },
};

async function write(record: JournalRecord): Promise<void> {
  if (paused) return pause();
  const mine = record.type !== 'plan' && record.batch === target;
  if (mine && stop === `torn-${record.type}`) {
    // What a crash halfway through the write leaves: part of the line, no newline.
    const line = JSON.stringify(record);
    appendFileSync(path, line.slice(0, Math.floor(line.length / 2)));
    return pause();
  }
  await file.append(record);
  if (mine && stop === 'after-begin' && record.type === 'begin') return pause();
}

const sms = new KwtSMS('crash-user', 'crash-pass', { baseUrl, batchSize: 2, batchDelayMs: 20, timeoutMs: 10_000 });
process.stdout.write('STARTED\n');
const result = await sms.sendBulk(inputs, 'Crash test campaign', { journal });
process.stdout.write(`${JSON.stringify(result)}\n`);
