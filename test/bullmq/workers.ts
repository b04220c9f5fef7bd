/** Worker child processes for the tests, started with `node --import tsx` on worker-process.ts. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const script = fileURLToPath(new URL('./worker-process.ts', import.meta.url));

export interface WorkerEnv {
  REDIS_PORT: number;
  GATEWAY_URL: string;
  QUEUE: string;
  GAP_MS: number;
  RETRY_MS?: string;
  SENDER?: string;
  WORKER_OPTIONS?: string;
}

/** Starts `count` worker processes and resolves once every one is ready. */
export async function startWorkers(
  count: number,
  env: WorkerEnv | ((n: number) => WorkerEnv),
  onMessage?: (message: unknown) => void,
): Promise<ChildProcess[]> {
  const children = Array.from({ length: count }, (_, n) => {
    const vars = typeof env === 'function' ? env(n) : env;
    const strings = Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, String(v)]));
    return spawn(process.execPath, ['--import', tsx, script], {
      env: { ...process.env, ...strings },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
  });
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve, reject) => {
          let stderr = '';
          child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
          child.on('message', (message) => (message === 'ready' ? resolve() : onMessage?.(message)));
          child.once('exit', (code) => reject(new Error(`worker exited with ${code}: ${stderr}`)));
        }),
    ),
  );
  return children;
}

/** Stops worker processes (SIGTERM, then SIGKILL after 5 s) and waits for them to exit. */
export function stopWorkers(children: readonly ChildProcess[]): Promise<void> {
  return Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  ).then(() => undefined);
}
