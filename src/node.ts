/**
 * The one place the library reaches Node-like runtimes (Node, Bun, Deno's
 * Node compatibility). Nothing here is imported statically: modules are
 * fetched with `process.getBuiltinModule`, so bundlers for the browser or
 * workerd never see `node:fs`, and every helper degrades to `undefined`
 * where the runtime has no such module.
 */

/** The subset of `node:fs` the library uses. */
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

function nodeProcess(): NodeProcess | undefined {
  const candidate = (globalThis as { process?: unknown }).process;
  return typeof candidate === 'object' && candidate !== null ? (candidate as NodeProcess) : undefined;
}

/**
 * A Node built-in module, or `undefined` where the runtime has none.
 *
 * @example
 * const fs = builtinModule<NodeFs>('node:fs');
 */
export function builtinModule<T>(id: string): T | undefined {
  try {
    const load = nodeProcess()?.getBuiltinModule;
    return typeof load === 'function' ? (load(id) as T | undefined) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `process.env`, or `undefined` where there is no process (browsers, workerd without nodejs_compat).
 *
 * @example
 * const user = processEnv()?.KWTSMS_USERNAME;
 */
export function processEnv(): Record<string, string | undefined> | undefined {
  try {
    const env = nodeProcess()?.env;
    return typeof env === 'object' && env !== null ? env : undefined;
  } catch {
    // Deno throws here without --allow-env.
    return undefined;
  }
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
  if (fs !== undefined) {
    try {
      return fs.readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  }
  const deno = (globalThis as { Deno?: { readTextFileSync?: (path: string) => string } }).Deno;
  if (typeof deno?.readTextFileSync === 'function') {
    try {
      return deno.readTextFileSync(path);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * Appends text to a file created with mode 0600 (the log may hold phone numbers and messages).
 * Resolves `false` instead of rejecting when the file cannot be written or there is no file system.
 *
 * @example
 * await appendTextFile('kwtsms.log', JSON.stringify(entry) + '\n');
 */
export async function appendTextFile(path: string, text: string): Promise<boolean> {
  const fs = builtinModule<NodeFs>('node:fs');
  if (fs === undefined) return false;
  try {
    await fs.promises.appendFile(path, text, { mode: 0o600, encoding: 'utf8' });
    return true;
  } catch {
    return false;
  }
}
