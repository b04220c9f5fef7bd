/**
 * Best-effort logging of API calls: one masked entry per HTTP request, to a
 * `logger` callback (any runtime) and/or a JSONL file (Node, Bun, Deno).
 * Nothing here ever throws into a send.
 */
import type { LogEntry } from './types.js';
import { appendTextFile } from './node.js';

export interface LogTarget {
  logger?: ((entry: LogEntry) => void) | undefined;
  logFile?: string | undefined;
}

/**
 * A copy of a request body with the password, and any field named in `hidden`, replaced by `'***'`.
 *
 * @example
 * // internal: not exported from 'kwtsms'
 * maskRequest({ username: 'u', password: 'secret' }); // { username: 'u', password: '***' }
 * maskRequest({ password: 'secret', message: 'Your code is 1234' }, ['message']); // both '***'
 */
export function maskRequest(body: Readonly<Record<string, unknown>>, hidden: readonly string[] = []): Record<string, unknown> {
  const masked = { ...body };
  for (const key of ['password', ...hidden]) if (Object.hasOwn(masked, key)) masked[key] = '***';
  return masked;
}

// Appends are chained, so lines keep the order of the calls. appendTextFile
// never rejects, so one failed write cannot stop the chain.
let appends: Promise<unknown> = /* @__PURE__ */ Promise.resolve();

/**
 * Writes one entry to the target. Never throws: a throwing logger or an unwritable file is ignored,
 * so logging never changes a call's result.
 *
 * @example
 * // internal: not exported from 'kwtsms'
 * writeLog({ logger: (e) => console.log(e.endpoint) }, entry);
 */
export function writeLog(target: LogTarget, entry: LogEntry): void {
  if (target.logger !== undefined) {
    try {
      target.logger(entry);
    } catch {
      // A broken logger must not break a send.
    }
  }
  if (target.logFile) {
    let line: string;
    try {
      line = JSON.stringify(entry) + '\n';
    } catch {
      line = JSON.stringify({ ...entry, response: String(entry.response) }) + '\n';
    }
    const path = target.logFile;
    appends = appends.then(() => appendTextFile(path, line));
  }
}

/**
 * Waits until every pending log-file append has finished. Useful before a process exits or in tests.
 *
 * @example
 * // internal: not exported from 'kwtsms'
 * await flushLogs();
 */
export async function flushLogs(): Promise<void> {
  // Appends queued while waiting are waited for too.
  let last: Promise<unknown>;
  do {
    last = appends;
    await last;
  } while (last !== appends);
}
