/**
 * 03: one message to many numbers. Numbers in every format (Arabic and Persian digits, '+', '00',
 * spaces, dashes, duplicates, invalid ones) go to sendBulk, which normalizes, validates,
 * deduplicates and sends in batches, reporting progress; then every input is accounted for.
 *
 * Run: npx tsx examples/03-bulk.ts
 * With KWTSMS_USERNAME and KWTSMS_PASSWORD (environment or .env) it uses your account, in test
 * mode unless KWTSMS_TEST_MODE says otherwise; without them, the in-memory fake gateway.
 */
import { prepareRecipients, type BulkProgress } from 'kwtsms';
import { createClient } from './client.js';

const inputs = [
  '96598765432',
  '+965 9876 5433',
  '0096598765434',
  '٩٦٥٩٨٧٦٥٤٣٥', // Arabic-Indic digits
  '۹۶۵۹۸۷۶۵۴۳۶', // Persian digits
  '965-5000-0001',
  '(965) 6000 0002',
  '+96598765432', // duplicate of the first, once normalized
  '٠٠٩٦٥٩٨٧٦٥٤٣٢', // duplicate again, in Arabic digits with 00
  '96550000003',
  '96560000004',
  '96590000005',
  '123', // too short
  'sales@example.com', // an email address
  '96512345678', // Kuwait mobiles start with 4, 5, 6 or 9
  '', // empty
  '+966 55 987 6543', // Saudi: its batch fails if the account has no Saudi coverage
  '9660559876543', // the same Saudi number with its domestic 0: a duplicate
];

// Batches of 5 so this short list shows batching; the default (and the gateway's maximum) is 200.
// Requests start at least 500 ms apart: the gateway blocks IPs above 5 requests a second.
const { sms } = createClient({ batchSize: 5 });

function showProgress(p: BulkProgress): void {
  const width = 20;
  const filled = Math.round((p.numbersDone / p.numbersTotal) * width);
  console.log(`[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] batch ${p.batchesDone}/${p.batchesTotal}, ${p.numbersDone}/${p.numbersTotal} numbers`);
}

console.log(`Sending to ${inputs.length} inputs...`);
const result = await sms.sendBulk(inputs, 'Eid Mubarak from MYAPP! عيد مبارك', { onProgress: showProgress });

console.log(`\nResult: ${result.result}${result.code === undefined ? '' : ` [${result.code}] ${result.description}`}`);
console.log(`Batches: ${result.batches}, numbers accepted: ${result.numbers}, points charged: ${result.pointsCharged}`);
console.log(`Message IDs (save them all): ${result.msgIds.join(', ') || '(none)'}`);
if (result.balanceAfter !== undefined) console.log(`Balance after: ${result.balanceAfter}`);

if (result.errors.length > 0) {
  console.log('\nFailed batches (their numbers were not sent; retry them later or fix the cause):');
  for (const e of result.errors) {
    console.log(`  batch ${e.batch}: ${e.code} ${e.description}\n    numbers: ${e.numbers.join(', ')}\n    action: ${e.action}`);
  }
}

if (result.invalid.length > 0) {
  console.log('\nRejected locally (never sent, no credit used):');
  for (const { input, error } of result.invalid) console.log(`  ${JSON.stringify(input)}: ${error}`);
}

// Nothing is lost: every input was accepted, is in a failed batch, was rejected, or was a duplicate.
// prepareRecipients is the same local step send() runs: split, normalize, validate, deduplicate.
const { duplicates } = prepareRecipients(inputs);
const inFailedBatches = result.errors.reduce((sum, e) => sum + e.numbers.length, 0);
console.log(
  `\nAccounted for: ${result.numbers} accepted + ${inFailedBatches} in failed batches + ` +
    `${result.invalid.length} invalid + ${duplicates} duplicates = ${result.numbers + inFailedBatches + result.invalid.length + duplicates} of ${inputs.length} inputs`,
);
