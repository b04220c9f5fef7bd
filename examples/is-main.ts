/**
 * `isMain(import.meta.url)`: whether a module is the script node/tsx/bun was started with, so a
 * file can export its code and also run a demo. No `node:` import and no bare `process`, so
 * Workers and browsers can bundle the files that use it (there it is always false).
 *
 * Not run on its own; imported as `./is-main.js`.
 */
export function isMain(moduleUrl: string): boolean {
  const script = (globalThis as { process?: { argv?: string[] } }).process?.argv?.[1]?.replaceAll('\\', '/');
  if (script === undefined || !moduleUrl.startsWith('file:')) return false;
  const path = decodeURIComponent(new URL(moduleUrl).pathname); // '/C:/x.ts' on Windows, for 'C:\x.ts'
  return path === script || path === `/${script}`;
}
