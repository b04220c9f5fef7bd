/**
 * `send --journal <path>`: the campaign's journal file, and the notice on
 * stderr of what a run skips, sends and finds interrupted. The notice waits
 * until the library has accepted the journal as this campaign's (its first
 * write), so a journal of another campaign never gets a misleading one.
 */
import { summarizeJournal, type BulkJournal, type JournalRecord, type ResumeSummary } from '../journal.js';
import { fileJournal } from '../journal-file.js';
import type { SendResult } from '../types.js';

const batches = (n: number): string => (n === 1 ? '1 batch' : `${n} batches`);

/**
 * The notice for a run over a journal: a new campaign, or what a resume skips, sends and reports.
 *
 * @example
 * resumeNotice('campaign.jsonl', { batches: 10, accepted: 6, refused: 0, interrupted: 1, toSend: 3 });
 * // 'kwtsms: resuming the campaign in campaign.jsonl: 6 batches already sent are skipped; 3 batches to send; 1 batch interrupted ...'
 */
export function resumeNotice(path: string, summary: ResumeSummary): string {
  if (summary.batches === 0) {
    return `kwtsms: new campaign journal ${path}: if this run stops, run the same command again to resume it.\n`;
  }
  const parts = [`${batches(summary.accepted)} already sent ${summary.accepted === 1 ? 'is' : 'are'} skipped`];
  if (summary.refused > 0) parts.push(`${batches(summary.refused)} the gateway refused ${summary.refused === 1 ? 'keeps its' : 'keep their'} error`);
  parts.push(`${batches(summary.toSend)} to send`);
  let notice = `kwtsms: resuming the campaign in ${path}: ${parts.join('; ')}.\n`;
  if (summary.interrupted > 0) {
    notice +=
      `kwtsms: ${batches(summary.interrupted)} ${summary.interrupted === 1 ? 'was' : 'were'} interrupted: ` +
      'the fate is unknown, so they are not sent again. Check status() or the delivery report (kwtsms status/dlr <msg-id>) before resending.\n';
  }
  return notice;
}

/**
 * A file journal for the CLI's send, which says on stderr what the run does once the library has
 * read the journal and accepted it as this campaign's.
 *
 * @example
 * const { journal, finish } = cliJournal('campaign.jsonl', host.err);
 * const result = await sms.sendBulk(numbers, message, { journal });
 * finish(result);
 */
export function cliJournal(path: string, err: (text: string) => void): { journal: BulkJournal; finish: (result: SendResult) => void } {
  const file = fileJournal(path);
  let records: readonly JournalRecord[] = [];
  let told = false;
  const tell = (): void => {
    if (told) return;
    told = true;
    const summary = summarizeJournal(records);
    if (summary !== undefined) err(resumeNotice(path, summary));
  };
  const journal: BulkJournal = {
    read: async () => (records = await file.read()),
    append: (record) => {
      tell();
      return file.append(record);
    },
  };
  // A resume with nothing left to send writes nothing; unless the journal was refused, say so all the same.
  const finish = (result: SendResult): void => {
    if (!result.code?.startsWith('JOURNAL_')) tell();
  };
  return { journal, finish };
}
