/**
 * Bulk pacing: 2,000 valid Kuwait numbers through KwtSMS.sendBulk with the
 * default pacing (200 per batch, request starts 500 ms apart, at most two in
 * flight) against a local node:http gateway that answers a valid send after
 * a fixed latency. The ideal wall time is 9 x 500 ms + one latency (the last
 * batch starts 4.5 s in and takes one round trip).
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { performance } from 'node:perf_hooks';

const NUMBERS = 2000;
const BATCH = 200;
const DELAY_MS = 500;

/** A local gateway on 127.0.0.1 that answers every send OK after `latencyMs`; also used by the journal section. */
export function startGateway(latencyMs) {
  const starts = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const server = createServer((req, res) => {
    const arrived = performance.now();
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      let count = 0;
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        count = typeof body.mobile === 'string' && body.mobile !== '' ? body.mobile.split(',').length : 0;
      } catch {
        count = 0;
      }
      starts.push({ at: arrived, path: req.url, count });
      setTimeout(() => {
        inFlight--;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            result: 'OK',
            'msg-id': randomBytes(16).toString('hex'),
            numbers: count,
            'points-charged': count,
            'balance-after': 1000,
            'unix-timestamp': 1700000000,
          }),
        );
      }, latencyMs);
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({ server, starts, maxInFlight: () => maxInFlight }));
  });
}

/**
 * @param {{ lib: object, numbers: string[], latencies: number[], log: (s: string) => void }} ctx
 */
export async function runPacing({ lib, numbers, latencies, log }) {
  if (numbers.length !== NUMBERS) throw new Error(`pacing needs ${NUMBERS} numbers`);
  const out = [];
  for (const latencyMs of latencies) {
    log(`pacing: ${NUMBERS} numbers at ${latencyMs} ms latency (about ${((9 * DELAY_MS + latencyMs) / 1000).toFixed(1)} s)`);
    const gateway = await startGateway(latencyMs);
    const { port } = gateway.server.address();
    const sms = new lib.KwtSMS('u', 'p', { baseUrl: `http://127.0.0.1:${port}/` });
    const start = performance.now();
    const result = await sms.sendBulk(numbers, 'Bench: your code is 123456');
    const wallMs = performance.now() - start;
    gateway.server.closeAllConnections();
    await new Promise((resolve) => gateway.server.close(resolve));
    const batches = Math.ceil(NUMBERS / BATCH);
    const idealMs = (batches - 1) * DELAY_MS + latencyMs;
    const gaps = gateway.starts.slice(1).map((s, i) => s.at - gateway.starts[i].at);
    const accepted = result.numbers;
    const problems = [];
    if (result.result !== 'OK') problems.push(`result ${result.result} ${result.code ?? ''} ${result.description ?? ''}`.trim());
    if (accepted !== NUMBERS) problems.push(`${accepted} of ${NUMBERS} accepted`);
    if (result.batches !== batches) problems.push(`${result.batches} batches, expected ${batches}`);
    if (result.msgIds.length !== batches) problems.push(`${result.msgIds.length} msg-ids, expected ${batches}`);
    if (gateway.starts.some((s) => s.path !== '/send/')) problems.push('a request went elsewhere than /send/');
    out.push({
      latencyMs,
      wallMs,
      idealMs,
      ratio: wallMs / idealMs,
      accepted,
      batches: result.batches,
      requests: gateway.starts.length,
      minGapMs: gaps.length > 0 ? Math.min(...gaps) : null,
      maxGapMs: gaps.length > 0 ? Math.max(...gaps) : null,
      maxInFlight: gateway.maxInFlight(),
      problems,
    });
  }
  return out;
}
