/**
 * A full garbage collection between timed passes, so one benchmark's garbage
 * is not collected on the next one's clock. Uses the `gc` global when Node
 * runs with --expose-gc, and otherwise turns the flag on at run time.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect = globalThis.gc;
if (typeof collect !== 'function') {
  setFlagsFromString('--expose-gc');
  collect = runInNewContext('gc');
}

/** Runs a full, synchronous garbage collection. */
export function fullGc() {
  collect();
}
