import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resumeNotice } from '../../src/cli/journal.js';
import { main } from '../../src/cli/main.js';
import { HELP } from '../../src/cli/help.js';
import type { SendResult } from '../../src/types.js';
import { kuwaitNumbers } from '../helpers/gateway.js';
import { captureHost } from './helpers.js';

// 450 numbers: batches of 200, 200 and 50.
const NUMBERS = kuwaitNumbers(450);

let dir: string;
let numbersFile: string;
let journal: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kwtsms-cli-journal-'));
  numbersFile = join(dir, 'numbers.txt');
  journal = join(dir, 'campaign.jsonl');
  writeFileSync(numbersFile, `${NUMBERS.join('\n')}\n`);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));


async function run(...argv: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const host = captureHost();
  const status = await main(argv, host);
  return { status, stdout: host.stdout, stderr: host.stderr };
}

const records = (): Record<string, unknown>[] =>
  readFileSync(journal, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('resumeNotice', () => {
  it.each([
    [
      { batches: 0, accepted: 0, refused: 0, interrupted: 0, toSend: 0 },
      'kwtsms: new campaign journal c.jsonl: if this run stops, run the same command again to resume it.\n',
    ],
    [
      { batches: 3, accepted: 1, refused: 0, interrupted: 0, toSend: 2 },
      'kwtsms: resuming the campaign in c.jsonl: 1 batch already sent is skipped; 2 batches to send.\n',
    ],
    [
      { batches: 10, accepted: 6, refused: 2, interrupted: 1, toSend: 1 },
      'kwtsms: resuming the campaign in c.jsonl: 6 batches already sent are skipped; 2 batches the gateway refused keep their error; 1 batch to send.\n' +
        'kwtsms: 1 batch was interrupted: the fate is unknown, so they are not sent again. ' +
        'Check status() or the delivery report (kwtsms status/dlr <msg-id>) before resending.\n',
    ],
  ])('%j', (summary, notice) => {
    expect(resumeNotice('c.jsonl', summary)).toBe(notice);
  });
});

describe('kwtsms send --journal', () => {
  it('lists --journal in the help', () => {
    expect(HELP).toContain('--journal <path>');
  });

  it('journals a new campaign, and a second run sends nothing and prints the same result', async () => {
    const first = await run('send', '--file', numbersFile, 'Eid offer', '--journal', journal, '--json');
    expect(first.status).toBe(0);
    expect(first.stderr).toContain(`kwtsms: new campaign journal ${journal}: if this run stops, run the same command again to resume it.\n`);
    const result = JSON.parse(first.stdout) as SendResult;
    expect(result).toMatchObject({ result: 'OK', numbers: 450, batches: 3 });
    expect(records()[0]?.type).toBe('plan');
    expect(records().map((r) => r.type).sort()).toEqual(['begin', 'begin', 'begin', 'outcome', 'outcome', 'outcome', 'plan']);

    const again = await run('send', '--file', numbersFile, 'Eid offer', '--journal', journal, '--json');
    expect(again.status).toBe(0);
    expect(again.stderr).toContain(`kwtsms: resuming the campaign in ${journal}: 3 batches already sent are skipped; 0 batches to send.\n`);
    expect(JSON.parse(again.stdout)).toEqual(result);
    expect(records()).toHaveLength(7);
  });

  it('resumes after a crash: says what it skips, sends and found interrupted, and --json is the library result', async () => {
    await run('send', '--file', numbersFile, 'Eid offer', '--journal', journal, '--json');
    // As the journal is when the process dies while batch 2 is in flight, before batch 3.
    const kept = records().filter((r) => r.type === 'plan' || r.batch === 1 || (r.batch === 2 && r.type === 'begin'));
    writeFileSync(journal, kept.map((r) => `${JSON.stringify(r)}\n`).join(''));
    const resumed = await run('send', '--file', numbersFile, 'Eid offer', '--journal', journal, '--json');
    expect(resumed.stderr).toContain(
      `kwtsms: resuming the campaign in ${journal}: 1 batch already sent is skipped; 1 batch to send.\n` +
        'kwtsms: 1 batch was interrupted: the fate is unknown, so they are not sent again. ' +
        'Check status() or the delivery report (kwtsms status/dlr <msg-id>) before resending.\n',
    );
    const result = JSON.parse(resumed.stdout) as SendResult;
    expect(resumed.status).toBe(1);
    expect(result).toMatchObject({ result: 'PARTIAL', code: 'INTERRUPTED', numbers: 250, batches: 2 });
    expect(result.errors).toEqual([
      {
        batch: 2,
        code: 'INTERRUPTED',
        description: 'Its fate is unknown: its request began, but the process stopped before the answer was recorded.',
        action: 'Its fate is unknown: check status() or the delivery report before resending.',
        numbers: NUMBERS.slice(200, 400),
      },
    ]);
  });

  it('refuses a journal of another campaign, with no resume notice and nothing sent', async () => {
    await run('send', '--file', numbersFile, 'Eid offer', '--journal', journal);
    const other = await run('send', '--file', numbersFile, 'Another text', '--journal', journal, '--json');
    expect(other.status).toBe(1);
    expect(other.stderr).not.toContain('resuming');
    expect(JSON.parse(other.stdout)).toMatchObject({ result: 'ERROR', code: 'JOURNAL_MISMATCH', batches: 0 });
    expect(records()).toHaveLength(7);
  });

  it('says why and sends nothing when the journal cannot be written', async () => {
    const blocked = join(numbersFile, 'campaign.jsonl');
    const { status, stdout } = await run('send', '--file', numbersFile, 'Eid offer', '--journal', blocked, '--json');
    expect(status).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({ result: 'ERROR', code: 'JOURNAL_FAILED', batches: 0, numbers: 0 });
  });

  it('works with numbers on the command line too', async () => {
    const { status, stdout } = await run('send', '96598765432,96550000000', 'Hi', '--journal', journal, '--json');
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ result: 'OK', numbers: 2 });
    expect(records()[0]).toMatchObject({ type: 'plan', batches: 1, numbers: 2 });
  });

  it('is a usage error on any other command', async () => {
    const { status, stderr } = await run('balance', '--journal', journal);
    expect(status).toBe(2);
    expect(stderr).toContain('--journal is only for send');
  });
});
