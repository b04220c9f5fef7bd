/**
 * The fault matrix: every endpoint method against every fault, over msw and over a raw TCP server.
 * Each case: the documented code, an action, the method resolved (never rejected), no unhandled
 * rejection, no abort listener left on the caller's signal, no timer left running, and exactly one
 * log entry per request attempted.
 */
import { getEventListeners } from 'node:events';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { apiErrors, GENERIC_ACTION } from '../../src/errors.js';
import type { SendResult } from '../../src/types.js';
import { FAULTS, installRoutes, METHODS, runCase, TRANSPORTS, type CaseRun, type FaultSpec, type MethodSpec } from './matrix.js';
import { activeTimeouts, expectNoTimerLeft, TimerTracker, trapUnhandledRejections } from './support.js';

trapUnhandledRejections();
const tracker = new TimerTracker();
beforeAll(() => tracker.enable());
afterAll(() => tracker.disable());
beforeEach(installRoutes);

const PASSWORD = 'matrix-password';
const actionOf = (code: string): string => apiErrors[code] ?? GENERIC_ACTION;

function checkResult(method: MethodSpec, fault: FaultSpec, run: CaseRun): void {
  if ('error' in run.settled) throw new Error(`${method.name} rejected`, { cause: run.settled.error });
  const { view, result } = run.settled.value;
  const expected = fault.expected(method);
  expect(view.code).toBe(expected);

  if (expected === 'OK') {
    // Numbers arrive as numbers even when the gateway sent numeric strings.
    if (method.name === 'verify') expect(result).toMatchObject({ ok: true, balance: 100, purchased: 200, error: null });
    if (method.name === 'balance') expect(result).toBe(100);
    if (method.name === 'send') expect(result).toMatchObject({ result: 'OK', numbers: 1, pointsCharged: 1, msgId: 'msg-0' });
  } else {
    if (method.name === 'balance') {
      // balance() answers the cached balance on failure: none yet.
      expect(result).toBeNull();
    } else if (method.name === 'verify' || method.name === 'validate') {
      // Their `error` is the description and the action joined.
      expect(view.action).toContain(actionOf(expected));
    } else {
      expect(view.action).toBe(actionOf(expected));
    }
  }
  if (method.numbers !== undefined) {
    // Nothing is lost: a failed send lists every number in errors, an OK one none.
    const send = result as SendResult;
    const failed = send.errors.flatMap((e) => e.numbers).sort();
    expect(failed).toEqual(expected === 'OK' ? [] : [...method.numbers].sort());
    expect(send.msgIds.length + send.errors.length).toBe(send.batches);
  }
}

describe.each(TRANSPORTS)('over %s', (transport) => {
  for (const fault of FAULTS.filter((f) => f.transports.includes(transport))) {
    describe(fault.name, () => {
      it.each(METHODS.map((m) => [m.name, m] as const))('%s', async (_name, method) => {
        const before = activeTimeouts();
        const mark = tracker.mark();
        const run = await runCase(transport, method, fault, { password: PASSWORD });

        checkResult(method, fault, run);
        expect(getEventListeners(run.signal, 'abort'), 'abort listeners left on the caller signal').toHaveLength(0);
        if (fault.maxMs !== undefined) expect(run.elapsedMs).toBeLessThan(fault.maxMs);
        // An abort is honoured at once, even in the middle of a 60 s ERR013 wait.
        if (fault.expected(method) === 'ABORTED') expect(run.afterAbortMs).toBeLessThan(500);

        // One log entry per request attempted, and nothing sent after the call resolved.
        expect(run.logs).toHaveLength(method.requests);
        if (fault.resetOnConnect === true) {
          expect(run.requests).toHaveLength(0);
          expect(run.connections).toBeGreaterThanOrEqual(method.requests);
        } else if (fault.gaveUpEarly === true) {
          expect(run.requestsLater).toBeLessThanOrEqual(method.requests);
        } else {
          expect(run.requests).toHaveLength(method.requests);
          expect(run.requestsLater).toBe(method.requests);
        }
        for (const request of run.requests) expect(request.method).toBe('POST');

        await expectNoTimerLeft(tracker, mark, before);
      });
    });
  }
});
