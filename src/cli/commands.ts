/**
 * The commands: how many arguments each takes, which library call it makes,
 * and how its result is shown. Output goes through the host; the caller
 * turns the returned status into the process's exit code.
 */
import type { KwtSMS } from '../client.js';
import { messageInfo } from '../message.js';
import { prepareRecipients, splitNumbers } from '../recipients.js';
import type { SendResult } from '../types.js';
import { UsageError, type CommandLine, type Flags } from './args.js';
import { connect } from './connect.js';
import { cliJournal } from './journal.js';
import { runDemo } from './demo.js';
import type { Host } from './host.js';
import { readNumbersFile } from './numbers-file.js';
import { toJson } from './output.js';
import { createProgressBar, progressEnabled } from './progress.js';
import {
  renderBalance,
  renderCoverage,
  renderDeliveryReport,
  renderInfo,
  renderSend,
  renderSenderIds,
  renderStatus,
  renderValidate,
  renderVerify,
  type Report,
} from './render.js';

interface Outcome {
  json: unknown;
  report: Report;
}

interface RunContext {
  flags: Flags;
  host: Host;
  /** The entries of `send --file`, read before connecting so a bad path fails before any prompt. */
  fileNumbers: string[] | undefined;
}

interface Command {
  /** Argument names for messages, e.g. `['<msg-id>']`; the last repeats when `variadic`. */
  params: readonly string[];
  variadic?: boolean;
  run(sms: KwtSMS, args: string[], context: RunContext): Promise<Outcome>;
}

async function send(sms: KwtSMS, args: string[], { flags, host, fileNumbers }: RunContext): Promise<Outcome> {
  let recipients: string | string[];
  let result: SendResult;
  // --journal: the campaign survives a crash; running the same command again resumes it.
  const journaled = flags.journal === undefined ? undefined : cliJournal(flags.journal, host.err);
  const journal = journaled === undefined ? {} : { journal: journaled.journal };
  if (fileNumbers === undefined) {
    const [numbers = '', message = ''] = args;
    recipients = numbers;
    result = await sms.send(numbers, message, journal);
  } else {
    const [message = ''] = args;
    recipients = fileNumbers;
    const bar = progressEnabled(host.env.KWTSMS_PROGRESS, host.stderrIsTTY) ? createProgressBar(host.err) : undefined;
    result = await sms.sendBulk(fileNumbers, message, bar === undefined ? journal : { ...journal, onProgress: bar.update });
    bar?.finish();
  }
  journaled?.finish(result);
  // SendResult does not count duplicates; the same preparation the client ran tells how many it dropped.
  const { duplicates } = prepareRecipients(recipients);
  return { json: result, report: renderSend(result, { duplicates, testMode: sms.testMode }) };
}

/**
 * A command that makes one library call and renders its result; `json` picks what `--json` prints
 * when it is not the whole result.
 */
function call<R>(
  params: readonly string[],
  request: (sms: KwtSMS, args: string[]) => Promise<R>,
  render: (result: R) => Report,
  json: (result: R) => unknown = (result) => result,
): Command {
  return {
    params,
    run: async (sms, args) => {
      const result = await request(sms, args);
      return { json: json(result), report: render(result) };
    },
  };
}

const COMMANDS: Readonly<Record<string, Command>> = {
  verify: call([], (sms) => sms.verify(), renderVerify),
  // verify() is the same request as balance() and also says why it failed.
  balance: call([], (sms) => sms.verify(), renderBalance, (result) => result.balance),
  send: { params: ['<numbers>', '<message>'], run: send },
  validate: {
    ...call(['<numbers>'], (sms, args) => sms.validate(args.flatMap(splitNumbers)), renderValidate),
    variadic: true,
  },
  senderids: call([], (sms) => sms.senderIds(), renderSenderIds),
  coverage: call([], (sms) => sms.coverage(), renderCoverage),
  status: call(['<msg-id>'], (sms, [msgId = '']) => sms.status(msgId), renderStatus),
  dlr: call(['<msg-id>'], (sms, [msgId = '']) => sms.deliveryReport(msgId), renderDeliveryReport),
};

/**
 * Checks the number of positional arguments.
 *
 * @throws UsageError naming the first missing argument, or asking to quote the message
 * @example
 * checkArgs('status', ['<msg-id>'], false, []); // throws UsageError('Missing argument <msg-id> for status')
 */
export function checkArgs(command: string, params: readonly string[], variadic: boolean, args: readonly string[]): void {
  if (args.length < params.length) {
    throw new UsageError(`Missing argument ${params[args.length] ?? ''} for ${command}`);
  }
  if (!variadic && args.length > params.length) {
    const hint = params.includes('<message>') ? ': quote a message that has spaces' : '';
    throw new UsageError(`Too many arguments for ${command}${hint}`);
  }
}

function print(outcome: Outcome, flags: Flags, host: Host): number {
  host.out(flags.json ? toJson(outcome.json) : outcome.report.stdout);
  host.err(outcome.report.stderr);
  return outcome.report.exitCode;
}

/**
 * Runs a parsed command line (not `help` or `--version`, which the entry point answers).
 *
 * @returns the exit status: 0 success, 1 the call returned an error result
 * @throws UsageError for an unknown command or wrong arguments, before any request or prompt
 * @example
 * const status = await runCommand(parseCommandLine(['--fake', 'balance']), processHost());
 */
export async function runCommand(line: CommandLine, host: Host): Promise<number> {
  const { command = '', args, flags } = line;
  if (flags.file !== undefined && command !== 'send') throw new UsageError('--file is only for send');
  if (flags.journal !== undefined && command !== 'send') throw new UsageError('--journal is only for send');
  if (command === 'info') {
    checkArgs('info', ['<message>'], false, args);
    const [text = ''] = args;
    const info = messageInfo(text);
    return print({ json: info, report: renderInfo(info, text) }, flags, host);
  }
  if (command === 'demo') {
    checkArgs('demo', [], false, args);
    if (flags.json) throw new UsageError('demo has no --json output; run the commands themselves with --json');
    return runDemo(flags, host);
  }
  const spec = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (spec === undefined) throw new UsageError(`Unknown command '${command}'`);
  // Earlier checks guarantee --file comes only with send.
  const file = flags.file;
  checkArgs(command, file === undefined ? spec.params : ['<message>'], spec.variadic === true, args);
  const fileNumbers = file === undefined ? undefined : readNumbersFile(file);
  const { sms } = await connect(flags, host);
  return print(await spec.run(sms, args, { flags, host, fileNumbers }), flags, host);
}
