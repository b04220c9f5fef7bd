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
    open(path: string, flags: string, mode?: number): Promise<NodeFileHandle>;
    readFile(path: string, encoding: 'utf8'): Promise<string>;
  };
}

interface NodeFileHandle {
  write(data: string, position: null, encoding: 'utf8'): Promise<unknown>;
  truncate(length: number): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
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

// Every change is flushed to the disk (fsync) before its promise resolves.
export interface DurableFile {
  /** The whole file as text; `''` when it does not exist yet. Rejects when it exists but cannot be read. */
  read(): Promise<string>;
  /** Cuts the file to its first `bytes` bytes, durably. */
  truncate(bytes: number): Promise<void>;
  /** Appends text (creating the file with mode 0600) and resolves once it is on the disk. */
  append(text: string): Promise<void>;
}

/** Runs `use` on the file opened with `flags`, closing it whatever happens. */
async function withFile(fs: NodeFs, path: string, flags: string, use: (handle: NodeFileHandle) => Promise<void>): Promise<void> {
  const handle = await fs.promises.open(path, flags, 0o600);
  try {
    await use(handle);
  } finally {
    await handle.close();
  }
}

/**
 * A file that is only ever appended to and flushed after each append (the bulk-send journal), or
 * `undefined` where the runtime has no `node:fs` (Cloudflare Workers, browsers).
 *
 * @example
 * const file = durableFile('campaign.jsonl');
 * await file?.append('{"type":"begin","batch":1}\n'); // on the disk once this resolves
 */
export function durableFile(path: string): DurableFile | undefined {
  const fs = builtinModule<NodeFs>('node:fs');
  if (fs === undefined) return undefined;
  let directorySynced = false;
  return {
    read: () =>
      fs.promises.readFile(path, 'utf8').catch((error: unknown) => {
        if ((error as { code?: unknown } | null)?.code === 'ENOENT') return '';
        throw error;
      }),
    truncate: (bytes) => withFile(fs, path, 'r+', async (handle) => {
      await handle.truncate(bytes);
      await handle.sync();
    }),
    async append(text) {
      await withFile(fs, path, 'a', async (handle) => {
        await handle.write(text, null, 'utf8');
        await handle.sync();
      });
      if (directorySynced) return;
      // A new file's name lives in its directory: flush that once too, or a crash could lose the
      // whole file. Best effort: some systems (Windows) cannot open a directory.
      directorySynced = true;
      await withFile(fs, parentDirectory(path), 'r', (handle) => handle.sync()).catch(() => undefined);
    },
  };
}

/** The directory part of a path, `'.'` for a bare file name. */
function parentDirectory(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return cut < 0 ? '.' : cut === 0 ? '/' : path.slice(0, cut);
}
