import { getEventListeners } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { watchAbort } from '../src/abort.js';
import { KwtSMS } from '../src/client.js';
import { createFakeGateway } from '../src/testing/index.js';

describe('watchAbort', () => {
  it('puts one listener on a signal however many watch it, and runs every callback once on abort', () => {
    const controller = new AbortController();
    const calls: number[] = [];
    for (let i = 0; i < 25; i++) watchAbort(controller.signal, () => calls.push(i));
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    controller.abort();
    controller.abort();
    expect(calls).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('removes the listener when the last watcher stops, and runs nothing after', () => {
    const controller = new AbortController();
    const callback = vi.fn();
    const unwatchers = [watchAbort(controller.signal, callback), watchAbort(controller.signal, callback)];
    unwatchers[0]?.();
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    unwatchers[1]?.();
    unwatchers[1]?.();
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    controller.abort();
    expect(callback).not.toHaveBeenCalled();
  });

  it('counts the same callback watched twice as two watches', () => {
    const controller = new AbortController();
    const callback = vi.fn();
    const stopFirst = watchAbort(controller.signal, callback);
    watchAbort(controller.signal, callback);
    stopFirst();
    controller.abort();
    expect(callback).toHaveBeenCalledTimes(1);
  });

  it('watches again after an abort emptied the signal, and a stale unwatch does not touch the new watch', () => {
    const controller = new AbortController();
    const stale = watchAbort(controller.signal, () => {});
    const stop = watchAbort(controller.signal, () => {});
    stop();
    stale();
    const callback = vi.fn();
    watchAbort(controller.signal, callback);
    stale();
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    controller.abort();
    expect(callback).toHaveBeenCalledTimes(1);
  });

  it('does nothing without a signal', () => {
    const callback = vi.fn();
    watchAbort(undefined, callback)();
    expect(callback).not.toHaveBeenCalled();
  });
});

describe('many calls sharing one caller signal', () => {
  it('raise no MaxListenersExceededWarning, all resolve, and leave no listener', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error): void => void warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const fake = createFakeGateway({ latencyMs: 5 });
      const sms = new KwtSMS('user', 'pass', { fetch: fake.fetch });
      const controller = new AbortController();
      const results = await Promise.all(
        Array.from({ length: 30 }, (_, i) => sms.send(`9659${String(i).padStart(7, '0')}`, 'hi', { signal: controller.signal })),
      );
      expect(results.map((r) => r.result)).toEqual(Array(30).fill('OK'));
      expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
      // Warnings are emitted on the next tick.
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('are all cancelled by one abort', async () => {
    const fake = createFakeGateway();
    fake.state.failNext(20, 'TIMEOUT');
    const sms = new KwtSMS('user', 'pass', { fetch: fake.fetch });
    const controller = new AbortController();
    const pending = Promise.all(Array.from({ length: 20 }, (_, i) => sms.send(`9659${String(i).padStart(7, '0')}`, 'hi', { signal: controller.signal })));
    setTimeout(() => controller.abort(), 10);
    const results = await pending;
    expect(results.map((r) => r.code)).toEqual(Array(20).fill('ABORTED'));
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });
});
