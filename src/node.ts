/**
 * The one place the library reaches Node-like runtimes (Node, Bun, Deno's
 * Node compatibility). Nothing here is imported statically: modules are
 * fetched with `process.getBuiltinModule`, so bundlers for the browser or
 * workerd never see `node:fs`, and every helper degrades to `undefined`
 * where the runtime has no such module.
 */
import { isObject } from './guards.js';

export interface NodeFs {
  readFileSync(path: string, encoding: 'utf8'): string;
  promises: {
    appendFile(path: string, data: string, options: { mode: number; encoding: 'utf8' }): Promise<void>;
  };
}

interface NodeProcess {
  env?: Record<string, string | undefined>;
  getBuiltinModule?: (id: string) => unknown;
}

/** `globalThis.process`, typed as far as the library reads it (optional chaining covers its absence). */
function nodeProcess(): NodeProcess | undefined {
  return (globalThis as { process?: NodeProcess }).process;
}

/** `fn()`, or `undefined` when it throws. */
function attempt<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}

/**
 * A Node built-in module, or `undefined` where the runtime has none.
 *
 * @example
 * const fs = builtinModule<NodeFs>('node:fs');
 */
export function builtinModule<T>(id: string): T | undefined {
  // A missing or non-function getBuiltinModule throws inside attempt() too.
  return attempt(() => nodeProcess()?.getBuiltinModule?.(id) as T | undefined);
}

/**
 * `process.env`, or `undefined` where there is no process (browsers, workerd without nodejs_compat).
 *
 * @example
 * const user = processEnv()?.KWTSMS_USERNAME;
 */
export function processEnv(): Record<string, string | undefined> | undefined {
  // Deno throws here without --allow-env.
  return attempt(() => {
    const env = nodeProcess()?.env;
    return isObject(env) ? env : undefined;
  });
}

/**
 * Reads a UTF-8 text file synchronously, or returns `undefined` when it is absent, unreadable,
 * or the runtime has no file system.
 *
 * @example
 * const text = readTextFile('.env') ?? '';
 */
export function readTextFile(path: string): string | undefined {
  const fs = builtinModule<NodeFs>('node:fs');
  const deno = (globalThis as { Deno?: { readTextFileSync?: (path: string) => string } }).Deno;
  return attempt(() => (fs ? fs.readFileSync(path, 'utf8') : deno?.readTextFileSync?.(path)));
}

/**
 * Appends text to a file created with mode 0600 (the log may hold phone numbers and messages).
 * Resolves `false` instead of rejecting when the file cannot be written or there is no file system.
 *
 * @example
 * await appendTextFile('kwtsms.log', JSON.stringify(entry) + '\n');
 */
export async function appendTextFile(path: string, text: string): Promise<boolean> {
  try {
    const fs = builtinModule<NodeFs>('node:fs');
    if (fs === undefined) return false;
    await fs.promises.appendFile(path, text, { mode: 0o600, encoding: 'utf8' });
    return true;
  } catch {
    return false;
  }
}
