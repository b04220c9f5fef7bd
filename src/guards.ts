/**
 * Narrowing checks for values of unknown shape: options a caller passed, JSON a server sent.
 * One name per meaning, used everywhere.
 */

/** Any object, arrays and class instances included: what an options argument must be. */
export function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

/** A JSON object: an object that is not an array, read by key. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return isObject(value) && !Array.isArray(value);
}

/** `value` when it is a string other than `''`, otherwise `undefined`. */
export function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
