/**
 * `kwtsms demo`: a short guided session. Without credentials it runs in one
 * process against the fake, so the fake's state (balance, msg-ids, the
 * 15-second rule) carries from step to step. With real credentials it only
 * reads, and sends a single test-mode message only when KWTSMS_DEMO_TO names
 * a number: a demo must never spend credits or message strangers.
 */
import type { KwtSMS } from '../client.js';
import { messageInfo } from '../message.js';
import { prepareRecipients } from '../recipients.js';
import type { FakeGateway } from '../testing/index.js';
import type { Flags } from './args.js';
import { connect, usesFake } from './connect.js';
import type { Host } from './host.js';
import { formatError } from './output.js';
import {
  renderBalance,
  renderCoverage,
  renderInfo,
  renderSend,
  renderSenderIds,
  renderStatus,
  renderValidate,
  renderVerify,
  type Report,
} from './render.js';

/** Emoji and Arabic-Indic digits, to show what cleaning does. */
const SAMPLE_MESSAGE = 'Welcome\u{1F389}! Your code is \u0661\u0662\u0663\u0664';
/** A valid number, the same number written another way, a second number, and two invalid entries. */
const SAMPLE_NUMBERS = ['96598765432', '+965 9876 5432', '96550123456', '123', 'someone@example.com'];

/** The environment variable naming the number a live demo may send one test-mode message to. */
const DEMO_TO_VAR = 'KWTSMS_DEMO_TO';

function indent(text: string): string {
  return text.replace(/^(?=.)/gm, '  ');
}

/** Writes a numbered step: its heading, then the command's output (stdout and stderr) indented. */
function stepper(host: Host): (title: string, body: string | Report) => void {
  let n = 0;
  return (title, body) => {
    n++;
    const text = typeof body === 'string' ? body : body.stdout + body.stderr;
    host.out(`\n${n}. ${title}\n${indent(text)}`);
  };
}

async function fakeTour(sms: KwtSMS, fake: FakeGateway, host: Host): Promise<number> {
  host.out('kwtSMS demo against the built-in fake gateway: nothing leaves this machine.\n');
  const step = stepper(host);

  step('verify: check the credentials', renderVerify(await sms.verify()));

  step('info: what a message becomes and what it costs, before sending', renderInfo(messageInfo(SAMPLE_MESSAGE), SAMPLE_MESSAGE));

  const { duplicates } = prepareRecipients(SAMPLE_NUMBERS);
  const sent = await sms.send(SAMPLE_NUMBERS, 'Your code is 1234');
  const received = fake.state.sent.at(-1)?.numbers ?? [];
  step(
    `send to ${SAMPLE_NUMBERS.map((n) => `'${n}'`).join(', ')}`,
    renderSend(sent, { duplicates, testMode: sms.testMode }).stdout +
      `\nThe gateway received ${received.join(', ')}: '+965 9876 5432' is 96598765432, sent once.\n`,
  );
  if (sent.msgId === undefined) return 1;

  step(
    `status ${sent.msgId}`,
    renderStatus(await sms.status(sent.msgId)).stdout + 'In test mode (--test) the message stays queued and status answers ERR030.\n',
  );

  const again = await sms.send('96598765432', 'Your code is 5678');
  step(
    'send to 96598765432 again, within 15 seconds',
    again.result === 'OK' ? 'Unexpectedly accepted.\n' : formatError(again),
  );

  step('balance', renderBalance(await sms.verify()));
  host.out('\nTry it: kwtsms --fake send 96598765432 "Hello" --json\n');
  return sent.result === 'OK' && again.code === 'ERR028' ? 0 : 1;
}

async function liveTour(sms: KwtSMS, host: Host): Promise<number> {
  const to = host.env[DEMO_TO_VAR]?.trim() ?? '';
  host.out(
    `kwtSMS demo with the account '${sms.username}': read-only` +
      (to === '' ? `; nothing is sent (set ${DEMO_TO_VAR} to send one test-mode message).\n` : `, plus one test-mode message to ${to}.\n`),
  );
  const step = stepper(host);
  const verified = await sms.verify();
  step('verify: check the credentials', renderVerify(verified));
  if (!verified.ok) return 1;
  step('balance', renderBalance(await sms.verify()));
  step('senderids', renderSenderIds(await sms.senderIds()));
  step('coverage', renderCoverage(await sms.coverage()));
  const numbers = to === '' ? SAMPLE_NUMBERS : [to, '123'];
  step(`validate ${numbers.map((n) => `'${n}'`).join(', ')}`, renderValidate(await sms.validate(numbers)));
  step('info: what a message becomes and what it costs, before sending', renderInfo(messageInfo(SAMPLE_MESSAGE), SAMPLE_MESSAGE));
  if (to === '') {
    step('send', `Skipped: set ${DEMO_TO_VAR}=<your number> to send one test-mode message.\n`);
    return 0;
  }
  const sent = await sms.send(to, 'kwtSMS demo: test message');
  step(`send to ${to} in test mode (queued, never delivered)`, renderSend(sent, { duplicates: 0, testMode: sms.testMode }));
  if (sent.msgId === undefined) return 1;
  step(
    `status ${sent.msgId}`,
    renderStatus(await sms.status(sent.msgId)).stdout +
      'A test-mode message stays queued (ERR030) and holds its credits: delete it at kwtsms.com > Queue.\n',
  );
  host.out(`\nBalance now: ${String(sms.cachedBalance)}\n`);
  return 0;
}

/**
 * Runs the demo: against the fake when no credentials are configured (or with `--fake`), read-only
 * against the real gateway otherwise.
 *
 * @returns the exit status: 0 when every step behaved as shown, 1 otherwise
 * @example
 * process.exitCode = await runDemo(parseCommandLine(['demo']).flags, processHost());
 */
export async function runDemo(flags: Flags, host: Host): Promise<number> {
  const fakeMode = usesFake(flags, host.env);
  // The fake run shows a live-mode status (OK); a real account is only ever sent test-mode messages.
  const { sms, fake } = await connect({ ...flags, test: false }, host, { testMode: !fakeMode });
  return fake === undefined ? liveTour(sms, host) : fakeTour(sms, fake, host);
}
