/**
 * Watching a caller's AbortSignal without piling listeners onto it. Every
 * request and wait in flight that shares one signal shares one `abort`
 * listener: twelve concurrent sends given the same signal would otherwise set
 * off Node's MaxListenersExceededWarning, whose limit is ten per signal.
 * (`AbortSignal.any` would avoid the listeners, but it leaks when one of its
 * signals is long-lived in Node and Deno.)
 */

/** For each watched signal: its one listener, and what to run when it aborts. */
const watched = /* @__PURE__ */ new WeakMap<AbortSignal, { listener: () => void; callbacks: Set<() => void> }>();

function startWatching(signal: AbortSignal): { listener: () => void; callbacks: Set<() => void> } {
  const callbacks = new Set<() => void>();
  const listener = (): void => {
    watched.delete(signal);
    for (const run of callbacks) run();
  };
  const entry = { listener, callbacks };
  watched.set(signal, entry);
  signal.addEventListener('abort', listener, { once: true });
  return entry;
}

/**
 * Runs `callback` once if `signal` aborts; the function returned stops watching, and removes the
 * signal's listener when nothing else watches it. Call that in a `finally`. A signal that has already
 * aborted fires nothing: check `signal.aborted` first.
 *
 * @example
 * // internal: src/abort.ts
 * const unwatch = watchAbort(signal, () => controller.abort(signal?.reason));
 * try {
 *   await fetch(url, { signal: controller.signal });
 * } finally {
 *   unwatch();
 * }
 */
export function watchAbort(signal: AbortSignal | undefined, callback: () => void): () => void {
  if (signal === undefined) return () => {};
  const entry = watched.get(signal) ?? startWatching(signal);
  const { listener, callbacks } = entry;
  // A wrapper, so the same function watched twice is two watches.
  const watch = (): void => callback();
  callbacks.add(watch);
  return () => {
    callbacks.delete(watch);
    if (callbacks.size === 0 && watched.get(signal) === entry) {
      watched.delete(signal);
      signal.removeEventListener('abort', listener);
    }
  };
}
