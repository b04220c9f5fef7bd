/**
 * kwtsms/bullmq throughput: one 100-batch campaign (20,000 numbers) sent by 1, 3 and 6 worker
 * processes at gapMs 20, against the fake gateway (dist/testing.js) behind a local node:http
 * server that records when each request arrives. The pace allows one request start per gapMs,
 * 50 a second: adding workers must not go faster (no two starts closer than gapMs - 2 ms at the
 * gateway) and must not fall more than 5 % below that ideal, nor below the one-process figure.
 * Needs redis-server on PATH; a throwaway one runs on a free loopback port.
 */
import { fork, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const GAP_MS = 20;
const BATCHES = 100;
const WORKERS = [1, 3, 6];
const workerScript = fileURLToPath(new URL('../fixtures/bullmq-worker.mjs', import.meta.url));

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createNetServer().once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function startRedis() {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  await new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (output.includes('Ready to accept connections')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}`)));
  });
  child.stdout.resume();
  return { port, stop: () => new Promise((resolve) => child.once('exit', resolve).kill('SIGTERM')) };
}

/** The fake behind an HTTP server that records each send's arrival (performance.now() of this process). */
async function startGateway(testing) {
  let clock = Date.UTC(2026, 0, 1);
  // The clock jumps a minute per call, so numbers sent again in the next run do not meet ERR028.
  const fake = testing.createFakeGateway({ balance: 1e9, now: () => (clock += 60_000) });
  const arrivals = [];
  const server = createServer((req, res) => {
    const at = performance.now();
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      if (req.url.includes('/send/')) arrivals.push(at);
      const answer = await fake.fetch(`https://www.kwtsms.com${req.url}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body,
      });
      res.writeHead(answer.status, { 'Content-Type': 'application/json' });
      res.end(await answer.text());
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/API/`,
    arrivals,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(resolve);
    }),
  };
}

function startWorker(args) {
  const child = fork(workerScript, args, { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`bench worker exited with ${code}: ${stderr}`)));
  });
}

const stop = (child) =>
  new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });

/**
 * @param {{ numbers: string[], log: (s: string) => void }} ctx numbers: BATCHES x 200 valid Kuwait numbers
 */
export async function runBullmq({ numbers, log }) {
  if (spawnSync('redis-server', ['--version']).error) throw new Error('redis-server is not on PATH (apt-get install -y redis-server)');
  if (numbers.length !== BATCHES * 200) throw new Error(`bullmq needs ${BATCHES * 200} numbers`);
  const testing = await import('../../dist/testing.js');
  const { createSmsQueue } = await import('../../dist/bullmq.js');
  const redis = await startRedis();
  const out = [];
  try {
    for (const count of WORKERS) {
      log(`bullmq: ${BATCHES} batches, ${count} worker process${count === 1 ? '' : 'es'}, gapMs ${GAP_MS}`);
      const gateway = await startGateway(testing);
      const name = `bench${count}`;
      const queue = createSmsQueue({ connection: { host: '127.0.0.1', port: redis.port }, name, gapMs: GAP_MS });
      const workers = await Promise.all(
        Array.from({ length: count }, () => startWorker([String(redis.port), gateway.url, name, String(GAP_MS)])),
      );
      try {
        await queue.addCampaign({ id: 'bench', numbers, message: 'Bench: spring sale' });
        let status = await queue.campaign('bench');
        while (status.state !== 'done') {
          await new Promise((resolve) => setTimeout(resolve, 100));
          status = await queue.campaign('bench');
        }
        const times = [...gateway.arrivals].sort((a, b) => a - b);
        const gaps = times.slice(1).map((t, i) => t - times[i]).sort((a, b) => a - b);
        const spanMs = times.at(-1) - times[0];
        const problems = [];
        if (status.result.result !== 'OK' || status.result.numbers !== numbers.length) {
          problems.push(`${status.result.numbers} of ${numbers.length} accepted (${status.result.code ?? 'OK'})`);
        }
        if (times.length !== BATCHES) problems.push(`${times.length} requests, expected ${BATCHES}`);
        out.push({
          workers: count,
          requests: times.length,
          spanMs,
          perSecond: ((times.length - 1) / spanMs) * 1000,
          idealPerSecond: 1000 / GAP_MS,
          minGapMs: gaps[0],
          medianGapMs: gaps[Math.floor(gaps.length / 2)],
          under: gaps.filter((g) => g < GAP_MS - 2).length,
          problems,
        });
      } finally {
        await Promise.all(workers.map(stop));
        await queue.close();
        await gateway.close();
      }
    }
  } finally {
    await redis.stop();
  }
  return out;
}
