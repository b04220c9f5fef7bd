/**
 * 09: many processes, one pace, with kwtsms/bullmq. A campaign goes into a BullMQ queue as one job
 * per batch of 200; workers (here two in this process, in production one per process or machine)
 * send them through one global gate, so together they never go faster than `gapMs`. A one-time
 * code sent with `queue.send` goes ahead of the campaign's batches, and `campaign(id)` accounts for
 * every number.
 *
 * Run: npx tsx examples/09-bullmq-workers.ts
 * Always offline: a throwaway redis-server on a free local port (when one is on PATH) and the fake
 * gateway; nothing reaches kwtsms.com. Without redis-server it says how to get one and exits.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { KwtSMS } from 'kwtsms';
import { createSmsQueue } from 'kwtsms/bullmq';
import { createFakeGateway } from 'kwtsms/testing';

if (spawnSync('redis-server', ['--version']).error) {
  console.log('redis-server is not on PATH, so this example cannot run here. Get one with:');
  console.log('  Debian/Ubuntu: sudo apt-get install -y redis-server');
  console.log('  macOS:         brew install redis');
  console.log('  Docker:        docker run --rm -p 6379:6379 redis:7  (then point `connection` at it)');
  process.exit(0);
}

/** A local port nothing listens on. */
const port = await new Promise<number>((resolve, reject) => {
  const probe = createServer().once('error', reject);
  probe.listen(0, '127.0.0.1', () => {
    const address = probe.address();
    probe.close(() => resolve(typeof address === 'object' && address ? address.port : 6390));
  });
});
const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
  stdio: ['ignore', 'pipe', 'ignore'],
});
await new Promise<void>((resolve, reject) => {
  let output = '';
  redis.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    if (output.includes('Ready to accept connections')) resolve();
  });
  redis.once('exit', (code) => reject(new Error(`redis-server exited with ${code}`)));
});
redis.stdout.resume();
console.log(`redis-server on 127.0.0.1:${port}`);

// Every process that opens the queue with this connection and name shares its pace and campaigns.
// 200 ms apart here, to be quick; keep the default 500 for the real gateway.
const queue = createSmsQueue({ connection: { host: '127.0.0.1', port }, name: 'example', gapMs: 200 });

// A worker per process. Here two, each with its own client, as two processes would have.
const fake = createFakeGateway({ balance: 5000 });
const workers = [1, 2].map(() => queue.createWorker(new KwtSMS('api_user', 'api_pass', { fetch: fake.fetch, testMode: true }), {
  // How soon a dead worker's batch is found: its lock lapses after lockDuration, and the other
  // workers look every stalledInterval. BullMQ's defaults (30 s each) take about a minute.
  lockDuration: 10_000,
  stalledInterval: 5_000,
}));
await Promise.all(workers.map((worker) => worker.waitUntilReady()));

const numbers = Array.from({ length: 1000 }, (_, i) => String(96590000000 + i));
const figures = await queue.addCampaign({ id: 'spring-sale', numbers: [...numbers, '123', numbers[0] ?? ''], message: 'Spring sale: 20% off today', test: true });
console.log(`Campaign queued: ${figures.batches} batches, ${figures.numbers} numbers, ${figures.invalid.length} invalid, ${figures.duplicates} duplicate`);

// Adding it again (a retried deploy, a double click) adds nothing.
const again = await queue.addCampaign({ id: 'spring-sale', numbers, message: 'Spring sale: 20% off today', test: true });
console.log(`Added again: ${again.batches} batches, the same campaign`);

// A one-time code while the campaign runs: it goes ahead of every batch still waiting.
const otp = await queue.send('96598765432', 'Your OTP for MYAPP is: 123456', { redact: true, id: 'login-96598765432-1' });
const position = fake.state.sent.findIndex((message) => message.numbers.includes('96598765432'));
console.log(`OTP ${otp.result}: msg-id ${otp.msgId}, request ${position + 1} of ${fake.state.sent.length} so far (ahead of the rest of the campaign)`);

let status = await queue.campaign('spring-sale');
while (status && status.state !== 'done') {
  console.log(`  ${status.state}: ${status.done}/${status.batches} batches`);
  await new Promise((resolve) => setTimeout(resolve, 300));
  status = await queue.campaign('spring-sale');
}
if (status) {
  const { result } = status;
  console.log(`Campaign done: ${result.batches} batches, ${result.numbers} numbers accepted, ${result.errors.length} failed batches, ${result.invalid.length} invalid`);
  // A batch whose worker died mid-request would be in errors with code INTERRUPTED: it may have
  // been sent, so check status(msgId) or the delivery report before sending it again.
  for (const error of result.errors) console.log(`  batch ${error.batch}: ${error.code} ${error.description} (${error.numbers.length} numbers)`);
}

await Promise.all(workers.map((worker) => worker.close()));
await queue.close();
redis.kill('SIGTERM');
