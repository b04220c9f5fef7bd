/**
 * Stress: 5,000 concurrent send() calls on one client against the fake gateway. All resolve OK;
 * the cached balance is the one of the last answer the client received, and the fake's own; no
 * timer is left running; a long-lived caller signal given to every send keeps no listener; and the
 * heap returns to near its baseline after a collection (when run with --expose-gc, as
 * vitest.stress.config.ts does).
 */
import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { KwtSMS } from '../../src/client.js';
import { createFakeGateway } from '../../src/testing/index.js';
import type { SendResult } from '../../src/types.js';
import { activeTimeouts, settle, sleepMs, trapUnhandledRejections } from './support.js';

trapUnhandledRejections();

const SENDS = 5_000;
const gc = (globalThis as { gc?: () => void }).gc;

function heapUsed(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
}

/** Runs the load and checks it; everything it allocates is unreachable once it returns. */
async function load(): Promise<{ warnings: string[] }> {
  const fake = createFakeGateway({ balance: 1e9 });
  // The balance-after of every answer, in the order the client received them.
  const received: number[] = [];
  const wrappedFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const response = await fake.fetch(input, init);
    const text = await response.text();
    received.push((JSON.parse(text) as { 'balance-after': number })['balance-after']);
    return new Response(text, { status: response.status, headers: response.headers });
  };
  const client = new KwtSMS('user', 'pass', { fetch: wrappedFetch });
  const caller = new AbortController();
  const warnings: string[] = [];
  const onWarning = (warning: Error): void => {
    warnings.push(`${warning.name}: ${warning.message}`);
  };
  process.on('warning', onWarning);

  const numbers = Array.from({ length: SENDS }, (_, i) => `9655${String(i).padStart(7, '0')}`);
  const resolved: SendResult[] = [];
  const results = await Promise.all(
    numbers.map((number) =>
      client.send(number, 'Load test', { signal: caller.signal }).then((result) => {
        resolved.push(result);
        return result;
      }),
    ),
  );
  await settle();
  process.off('warning', onWarning);

  expect(results.filter((r) => r.result !== 'OK')).toEqual([]);
  expect(new Set(results.map((r) => r.msgId)).size).toBe(SENDS);
  expect(fake.state.sent).toHaveLength(SENDS);
  expect(fake.state.sent.flatMap((s) => s.numbers).sort()).toEqual(numbers);
  expect(received).toHaveLength(SENDS);
  expect(client.cachedBalance).toBe(received.at(-1));
  expect(client.cachedBalance).toBe(fake.state.balance);
  expect(resolved.at(-1)?.balanceAfter).toBe(fake.state.balance);
  expect(fake.state.balance).toBe(1e9 - SENDS);
  expect(getEventListeners(caller.signal, 'abort'), 'listeners left on the caller signal').toHaveLength(0);
  return { warnings };
}

describe(`${SENDS} concurrent sends on one client`, () => {
  it('all resolve OK, the balance adds up, and no listener, timer or memory is left behind', async ({ annotate }) => {
    await settle();
    const timersBefore = activeTimeouts();
    const heapBefore = heapUsed();

    const started = performance.now();
    const { warnings } = await load();
    const elapsed = performance.now() - started;

    // Every transport timer was cleared (none fired: all answered at once).
    for (let i = 0; i < 100 && activeTimeouts() > timersBefore; i++) await sleepMs(10);
    expect(activeTimeouts()).toBeLessThanOrEqual(timersBefore);

    const heapAfter = heapUsed();
    const grownMb = (heapAfter - heapBefore) / 2 ** 20;
    await annotate(
      `load: ${SENDS} sends in ${Math.round(elapsed)} ms; heap ${(heapBefore / 2 ** 20).toFixed(1)} MB -> ${(heapAfter / 2 ** 20).toFixed(1)} MB` +
        (gc === undefined ? ' (no global.gc: memory check skipped; run with --expose-gc)' : '') +
        (warnings.length > 0 ? `; process warnings: ${[...new Set(warnings)].join(' | ')}` : ''),
    );
    if (gc !== undefined) expect(grownMb).toBeLessThan(8);
  });
});
