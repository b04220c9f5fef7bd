/**
 * 08: a campaign that survives a crash. With `journal: fileJournal(path)`, sendBulk writes each
 * batch's start to the file (flushed to disk) before its request, and its outcome after the answer.
 * Running the same send again with the same file resumes it: batches already sent are skipped and
 * never charged twice; a batch that was in flight when the process stopped is reported as
 * INTERRUPTED, and is never sent again on its own, because it may have gone out.
 *
 * Run: npx tsx examples/08-resumable-campaign.ts
 * Always offline: the first run is stopped on purpose while a batch is in flight (an AbortSignal
 * stands in for the crash or deploy), which a real account cannot stage. The CLI form is
 * `kwtsms send --file numbers.txt "..." --journal campaign.jsonl`.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileJournal, KwtSMS, type SendResult } from 'kwtsms';
import { createFakeGateway } from 'kwtsms/testing';

console.error('[examples] this example always runs offline: using the in-memory fake gateway (nothing is sent)');
const fake = createFakeGateway({ latencyMs: 80 });
const stop = new AbortController();
let requests = 0;
// Small batches and short waits so the demo is quick; keep the defaults (200 a batch, 500 ms) in production.
const sms = new KwtSMS('demo_user', 'demo_pass', {
  batchSize: 20,
  batchDelayMs: 50,
  fetch: (input, init) => {
    const answer = fake.fetch(input, init);
    // The third request reaches the gateway; 10 ms later, during its 80 ms round trip, the process "dies".
    if (++requests === 3) setTimeout(() => stop.abort(new Error('deploy')), 10);
    return answer;
  },
});

const numbers = Array.from({ length: 100 }, (_, i) => `9655${String(i).padStart(7, '0')}`);
const message = 'Eid Mubarak! 20% off all week at MYAPP.';
const dir = mkdtempSync(join(tmpdir(), 'kwtsms-campaign-'));
const path = join(dir, 'eid-campaign.jsonl');

function show(label: string, r: SendResult): void {
  console.log(`\n${label}: ${r.result}${r.code === undefined ? '' : ` [${r.code}]`}`);
  console.log(`  batches requested: ${r.batches}, numbers accepted: ${r.numbers}, msg-ids: ${r.msgIds.length}`);
  for (const e of r.errors) console.log(`  batch ${e.batch}: ${e.code} (${e.numbers.length} numbers) ${e.description}`);
}

try {
  const first = await sms.sendBulk(numbers, message, { journal: fileJournal(path), signal: stop.signal });
  show('Run 1, stopped mid-campaign', first);

  // A new process would do exactly this: the same numbers, message and journal file.
  const second = await sms.sendBulk(numbers, message, { journal: fileJournal(path) });
  show('Run 2, resumed from the journal', second);
  console.log(`  requests the gateway received over both runs: ${fake.state.requests.length} (one per batch, none twice)`);

  // INTERRUPTED: the request began, but no answer was recorded, so there is no msg-id for status().
  // Look for it in the account's message log (kwtsms.com) around the time the journal recorded.
  const begun = readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { type: string; batch?: number; at: string });
  for (const e of second.errors.filter((error) => error.code === 'INTERRUPTED')) {
    const at = begun.find((r) => r.type === 'begin' && r.batch === e.batch)?.at;
    // Here the fake's log stands in for the account's: did that batch reach the gateway?
    const wentOut = fake.state.sent.some((m) => m.numbers.includes(e.numbers[0] ?? ''));
    console.log(`\nBatch ${e.batch} began at ${at}; ${e.action}`);
    console.log(
      wentOut
        ? '  The gateway did take it: do NOT resend (resending would send and charge it twice).'
        : '  The gateway never took it: resend it with { resendInterrupted: true }.',
    );
  }

  const third = await sms.sendBulk(numbers, message, { journal: fileJournal(path) });
  show('Run 3, nothing left to send', third);
  console.log(`  requests the gateway received: ${fake.state.requests.length}`);

  // Nothing is lost: every number is in an accepted batch or in errors[].numbers.
  const inErrors = third.errors.reduce((sum, e) => sum + e.numbers.length, 0);
  console.log(`\nAccounted for: ${third.numbers} accepted + ${inErrors} in errors = ${third.numbers + inErrors} of ${numbers.length} numbers`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
