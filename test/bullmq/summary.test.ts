import { describe, expect, it } from 'vitest';
import type { BatchOutcome, Stored } from '../../src/bullmq/records.js';
import { storedError, summarize } from '../../src/bullmq/summary.js';

const stored = (batches: number, extra: Partial<Stored> = {}): Stored => ({
  kind: 'campaign',
  batches,
  numbers: batches * 2,
  duplicates: 0,
  invalid: [],
  queued: true,
  ...extra,
});

const accepted = (msgId: string, at: number, balanceAfter: number): BatchOutcome => ({
  sent: true,
  at,
  msgIds: [msgId],
  numbers: 2,
  points: 2,
  balanceAfter,
  unixTimestamp: at,
  errors: [],
  invalid: [],
});

const refused = (code: string, numbers: string[], sent = true): BatchOutcome => ({
  sent,
  at: 0,
  msgIds: [],
  numbers: 0,
  points: 0,
  errors: [storedError(code, `Staged ${code}`, numbers)],
  invalid: [],
});

describe('summarize', () => {
  it.each([
    [new Map<number, BatchOutcome>(), 0, 'waiting', 0, 3],
    [new Map<number, BatchOutcome>(), 1, 'running', 0, 3],
    [new Map([[1, accepted('b', 5, 90)]]), 1, 'running', 1, 2],
    [new Map([[0, accepted('a', 1, 95)], [1, accepted('b', 5, 90)], [2, accepted('c', 3, 92)]]), 3, 'done', 3, 0],
  ])('state from outcomes and begun records (%#)', (outcomes, begun, state, done, pending) => {
    expect(summarize('c', stored(3), outcomes, begun)).toMatchObject({ id: 'c', state, batches: 3, done, pending });
  });

  it('adds accepted batches in batch order and takes the balance of the last answer received', () => {
    const { result } = summarize('c', stored(3), new Map([[2, accepted('c', 3, 92)], [0, accepted('a', 1, 95)], [1, accepted('b', 5, 90)]]), 3);
    expect(result).toEqual({
      result: 'OK',
      msgId: 'a',
      msgIds: ['a', 'b', 'c'],
      numbers: 6,
      pointsCharged: 6,
      balanceAfter: 90,
      unixTimestamp: 5,
      batches: 3,
      errors: [],
      invalid: [],
    });
  });

  it('puts each failed batch in errors with its 1-based number and numbers, the first speaking for all', () => {
    const { result } = summarize(
      'c',
      stored(3, { invalid: [{ input: 'x', error: 'bad' }] }),
      new Map([[0, accepted('a', 1, 95)], [1, refused('INTERRUPTED', ['96598765432', '96598765433'])], [2, refused('ERR010', ['96598765434'])]]),
      3,
    );
    expect(result).toMatchObject({
      result: 'PARTIAL',
      code: 'INTERRUPTED',
      action: 'Its fate is unknown: check status() or the delivery report before resending.',
      description: '2 of 3 batches failed; the first (batch 2): Staged INTERRUPTED',
      batches: 3,
      invalid: [{ input: 'x', error: 'bad' }],
    });
    expect(result.errors.map((e) => [e.batch, e.code, e.numbers])).toEqual([
      [2, 'INTERRUPTED', ['96598765432', '96598765433']],
      [3, 'ERR010', ['96598765434']],
    ]);
  });

  it('a refused campaign is done with ERROR; a batch withdrawn before its request does not count as sent', () => {
    const refusal = storedError('ERR009', 'The message is empty after cleanMessage().', ['96598765432']);
    expect(summarize('c', stored(0, { refused: refusal }), new Map(), 0)).toMatchObject({
      state: 'done',
      pending: 0,
      result: { result: 'ERROR', code: 'ERR009', batches: 0, errors: [{ batch: 0, code: 'ERR009', numbers: ['96598765432'] }] },
    });
    const noNumber = storedError('ERR_INVALID_INPUT', 'No valid phone number to send to.', []);
    expect(summarize('c', stored(0, { refused: noNumber }), new Map(), 0).result).toMatchObject({ result: 'ERROR', code: 'ERR_INVALID_INPUT', errors: [] });
    const withdrawn = summarize('s', stored(1), new Map([[0, refused('ABORTED', ['96598765432'], false)]]), 0).result;
    expect(withdrawn).toMatchObject({ result: 'ERROR', code: 'ABORTED', batches: 0, description: 'Staged ABORTED' });
  });
});
