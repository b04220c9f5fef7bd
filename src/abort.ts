/**
 * Watching a caller's AbortSignal without piling listeners onto it. Every
 * request and wait in flight that shares one signal shares one `abort`
 * listener: twelve concurrent sends given the same signal would otherwise set
 * off Node's MaxListenersExceededWarning, whose limit is ten per signal.
 * `AbortSignal.any` would avoid the listeners, but it leaks them when one of
 * its signals is long-lived in Node 20 (nodejs/node#55351) and Deno; this
 * module can give way to it once every supported runtime has the fix.
 */

/** What to run when each watched signal aborts. */
const watched = /* @__PURE__ */ new WeakMap<EventTarget, Set<() => void>>();

/** The one listener, shared by every watched signal. */
function runWatchers({ target }: Event): void {
  const callbacks = target && watched.get(target);
  if (!callbacks) return;
  watched.delete(target);
  for (const run of callbacks) run();
  // So that an unwatch still held by a caller finds nothing to remove.
  callbacks.clear();
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
  let callbacks = watched.get(signal);
  if (callbacks === undefined) {
    watched.set(signal, (callbacks = new Set()));
    signal.addEventListener('abort', runWatchers, { once: true });
  }
  const watching = callbacks;
  // A wrapper, so the same function watched twice is two watches.
  const watch = (): void => callback();
  watching.add(watch);
  return () => {
    if (watching.delete(watch) && watching.size === 0) {
      watched.delete(signal);
      signal.removeEventListener('abort', runWatchers);
    }
  };
}
