import { describe, expect, it } from 'vitest';
import {
  renderBalance,
  renderCoverage,
  renderDeliveryReport,
  renderInfo,
  renderSend,
  renderSenderIds,
  renderStatus,
  renderValidate,
  renderVerify,
} from '../../src/cli/render.js';
import { messageInfo } from '../../src/message.js';
import type { SendResult } from '../../src/types.js';

const FAILED = { result: 'ERROR', code: 'ERR003', description: 'Authentication error', action: 'Check the credentials.' } as const;
const FAILED_TEXT = 'Error ERR003: Authentication error\nAction: Check the credentials.\n';

const OK_SEND: SendResult = { result: 'OK', msgId: 'abc', msgIds: ['abc'], numbers: 2, pointsCharged: 2, balanceAfter: 98, batches: 1, errors: [], invalid: [] };

function sendResult(fields: Partial<SendResult> = {}): SendResult {
  return { ...OK_SEND, ...fields };
}

describe('renderVerify and renderBalance', () => {
  it('show the balance and exit 0 when ok', () => {
    const ok = { ok: true, balance: 950, purchased: 1000, error: null };
    expect(renderVerify(ok)).toEqual({ stdout: 'credentials  OK\nbalance      950\npurchased    1000\n', stderr: '', exitCode: 0 });
    expect(renderBalance(ok)).toEqual({ stdout: '950\n', stderr: '', exitCode: 0 });
  });

  it('put the error on stderr and exit 1 otherwise', () => {
    const failed = { ok: false, balance: null, purchased: null, error: 'Authentication error. Check it.', code: 'ERR003' };
    expect(renderVerify(failed)).toEqual({ stdout: '', stderr: 'Error ERR003: Authentication error. Check it.\n', exitCode: 1 });
    expect(renderBalance(failed).exitCode).toBe(1);
  });
});

describe('renderSend', () => {
  it('summarizes an OK send', () => {
    const report = renderSend(sendResult(), { duplicates: 0, testMode: false });
    expect(report).toEqual({
      stdout: 'result   OK\nmsg-id   abc\nnumbers  2\npoints   2\nbalance  98\n',
      stderr: '',
      exitCode: 0,
    });
  });

  it('lists invalid entries, duplicates and test mode', () => {
    const report = renderSend(sendResult({ invalid: [{ input: '123', error: 'too short' }] }), { duplicates: 1, testMode: true });
    expect(report.exitCode).toBe(0);
    expect(report.stdout).toContain('mode        test (queued, not delivered)\n');
    expect(report.stdout).toContain('invalid     1\nduplicates  1 (each number is sent once)\n');
    expect(report.stdout).toContain('\nNot sent, invalid:\n  123  too short\n');
  });

  it('exits 1 on PARTIAL, listing the failed batches', () => {
    const report = renderSend(
      sendResult({
        result: 'PARTIAL',
        msgIds: ['a', 'c'],
        batches: 3,
        errors: [{ batch: 2, code: 'ERR013', description: 'Queue full', numbers: ['965', '966'] }],
        code: 'ERR013',
        description: 'Queue full',
        action: 'Retry later.',
      }),
      { duplicates: 0, testMode: false },
    );
    expect(report.exitCode).toBe(1);
    expect(report.stdout).toContain('msg-ids  a, c\n');
    expect(report.stdout).toContain('batches  3\n');
    expect(report.stdout).toContain('Not sent, failed batches:\n  batch 2  ERR013  2 numbers  Queue full\n');
    expect(report.stderr).toBe('Error ERR013: Queue full\nAction: Retry later.\n');
  });

  it('lists batches that may have been sent apart from those that were not', () => {
    const report = renderSend(
      sendResult({
        result: 'PARTIAL',
        msgIds: ['a'],
        batches: 3,
        errors: [
          { batch: 2, code: 'INTERRUPTED', description: 'Its fate is unknown', numbers: ['965', '966'] },
          { batch: 3, code: 'ERR010', description: 'Zero balance', numbers: ['967'] },
        ],
        code: 'INTERRUPTED',
        description: 'Its fate is unknown',
        action: 'Check status().',
      }),
      { duplicates: 0, testMode: false },
    );
    expect(report.stdout).toContain('Not sent, failed batches:\n  batch 3  ERR010  1 numbers  Zero balance\n');
    expect(report.stdout).toContain(
      'Fate unknown, may have been sent (check status or the delivery report before resending):\n  batch 2  INTERRUPTED  2 numbers  Its fate is unknown\n',
    );
  });

  it('does not list the batch-0 error of a send refused before any request', () => {
    const refused: SendResult = {
      result: 'ERROR',
      msgIds: [],
      numbers: 0,
      pointsCharged: 0,
      batches: 0,
      errors: [{ batch: 0, code: 'ERR009', description: 'Empty', numbers: ['96598765432'] }],
      invalid: [],
      code: 'ERR009',
      description: 'Empty',
    };
    const report = renderSend(refused, { duplicates: 0, testMode: false });
    expect(report.exitCode).toBe(1);
    expect(report.stdout).not.toContain('failed batches');
    expect(report.stderr).toBe('Error ERR009: Empty\n');
  });
});

describe('renderValidate', () => {
  it('gives one line per number', () => {
    const report = renderValidate({
      ok: ['96598765432'],
      er: ['96512'],
      nr: ['447911123456'],
      rejected: [{ input: 'x', error: "'x' is not a valid phone number, no digits found" }],
      error: null,
      raw: [],
    });
    expect(report.exitCode).toBe(0);
    expect(report.stdout.split('\n')).toEqual([
      'NUMBER        STATUS',
      '96598765432   OK       valid and routable',
      '96512         ER       malformed',
      '447911123456  NR       no route: the country is not active on the account',
      "x             INVALID  'x' is not a valid phone number, no digits found",
      '',
    ]);
  });

  it('exits 1 with the error', () => {
    const report = renderValidate({ ok: [], er: [], nr: [], rejected: [], error: 'No valid phone number.', code: 'ERR_INVALID_INPUT', raw: [] });
    expect(report).toEqual({ stdout: '', stderr: 'Error ERR_INVALID_INPUT: No valid phone number.\n', exitCode: 1 });
  });
});

describe('the list commands', () => {
  it('renderSenderIds', () => {
    expect(renderSenderIds({ result: 'OK', senderIds: ['KWT-SMS', 'MY-APP'] }).stdout).toBe('KWT-SMS\nMY-APP\n');
    expect(renderSenderIds({ result: 'OK', senderIds: [] }).stdout).toBe('No sender IDs registered.\n');
    expect(renderSenderIds({ ...FAILED, senderIds: [] })).toEqual({ stdout: '', stderr: FAILED_TEXT, exitCode: 1 });
  });

  it('renderCoverage names known countries', () => {
    expect(renderCoverage({ result: 'OK', prefixes: ['965', '966', '999'] }).stdout).toBe('965  Kuwait\n966  Saudi Arabia\n999\n');
    expect(renderCoverage({ result: 'OK', prefixes: [] }).stdout).toBe('No active coverage.\n');
    expect(renderCoverage({ ...FAILED, prefixes: [] }).exitCode).toBe(1);
  });

  it('renderStatus', () => {
    expect(renderStatus({ result: 'OK', status: 'sent', statusDescription: 'Sent to gateway' }).stdout).toBe(
      'status       sent\ndescription  Sent to gateway\n',
    );
    expect(renderStatus(FAILED)).toEqual({ stdout: '', stderr: FAILED_TEXT, exitCode: 1 });
  });

  it('renderDeliveryReport', () => {
    expect(renderDeliveryReport({ result: 'OK', report: [{ number: '447911123456', status: 'Delivered' }] }).stdout).toBe(
      'NUMBER        STATUS\n447911123456  Delivered\n',
    );
    expect(renderDeliveryReport({ result: 'OK', report: [] }).stdout).toBe('No delivery reports.\n');
    expect(renderDeliveryReport({ ...FAILED, report: [] }).exitCode).toBe(1);
  });
});

describe('renderInfo', () => {
  it('shows the cleaned text, its encoding and cost', () => {
    expect(renderInfo(messageInfo('Hello'), 'Hello')).toEqual({
      stdout:
        'text        "Hello"\nencoding    GSM-7\ncharacters  5\npages       1 (160 per page, 7 at most)\n' +
        'cost        1 credit per recipient\ntoo long    no\n',
      stderr: '',
      exitCode: 0,
    });
  });

  it('shows the input when cleaning changed it, and flags a message that is too long', () => {
    const input = `${'\u0645'.repeat(500)} \u{1F389}`;
    const { stdout, exitCode } = renderInfo(messageInfo(input), input);
    expect(exitCode).toBe(0);
    expect(stdout).toMatch(/^input {7}".+\u{1F389}"$/mu);
    expect(stdout).toMatch(/^encoding {4}UCS-2$/m);
    expect(stdout).toMatch(/^pages {7}8 \(67 per page, 7 at most\)$/m);
    expect(stdout).toMatch(/^cost {8}8 credits per recipient$/m);
    expect(stdout).toMatch(/^too long {4}yes: the gateway refuses more than 7 pages \(ERR012\)$/m);
  });
});
