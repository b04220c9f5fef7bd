/**
 * The command line, read into a command, its arguments and the flags.
 * Pure: argv in, a value or a UsageError out. `parseArgs` runs non-strict
 * so that every message is ours: strict mode quotes the offending token,
 * and the token could hold a password.
 */
import { parseArgs } from 'node:util';

interface OptionSpec {
  type: 'boolean' | 'string';
  short?: string;
  /** The value's placeholder in the help, for a string option. */
  value?: string;
  help: string;
}

/**
 * Every option the tool knows, in the order the help lists them. The yes/no and valued flag
 * sets, the {@link Flags} type and the help's option list are all read from this table.
 *
 * @example
 * OPTIONS.sender; // { type: 'string', value: '<id>', help: 'Sender ID for this run (...)' }
 */
export const OPTIONS = {
  json: { type: 'boolean', help: "Print one JSON document (the library's result) on stdout" },
  fake: { type: 'boolean', help: 'Use the built-in fake gateway: nothing leaves this machine' },
  test: { type: 'boolean', help: 'Test mode: queued, never delivered (credits are held)' },
  sender: { type: 'string', value: '<id>', help: 'Sender ID for this run (default KWTSMS_SENDER_ID, then KWT-SMS)' },
  file: { type: 'string', value: '<path>', help: 'Numbers file for send' },
  journal: { type: 'string', value: '<path>', help: 'Journal file for send: run the same command again to resume after a crash' },
  help: { type: 'boolean', short: 'h', help: 'Show this help' },
  version: { type: 'boolean', short: 'v', help: 'Show the version' },
} as const satisfies Record<string, OptionSpec>;

type OptionName = keyof typeof OPTIONS;
type BooleanFlag = { [K in OptionName]: (typeof OPTIONS)[K]['type'] extends 'boolean' ? K : never }[OptionName];
type StringFlag = Exclude<OptionName, BooleanFlag>;

/**
 * The flags of one command line, one field per entry of {@link OPTIONS}: `true`/`false` for a
 * yes/no option, the value (or absent) for a valued one. Every flag may appear anywhere on the line.
 */
export type Flags = { [K in BooleanFlag]: boolean } & { [K in StringFlag]?: string };

const OPTION_NAMES = Object.keys(OPTIONS) as OptionName[];

function isBooleanFlag(name: string): name is BooleanFlag {
  return Object.hasOwn(OPTIONS, name) && OPTIONS[name as OptionName].type === 'boolean';
}

function isStringFlag(name: string): name is StringFlag {
  return Object.hasOwn(OPTIONS, name) && OPTIONS[name as OptionName].type === 'string';
}

function noFlags(): Flags {
  const flags: Partial<Record<BooleanFlag, boolean>> = {};
  for (const name of OPTION_NAMES) if (isBooleanFlag(name)) flags[name] = false;
  return flags as Flags;
}

/** What `parseArgs` needs of the table: the type and the short letter. */
const PARSE_OPTIONS: Record<string, { type: 'boolean' | 'string'; short?: string }> = Object.fromEntries(
  OPTION_NAMES.map((name) => {
    const spec: OptionSpec = OPTIONS[name];
    return [name, spec.short === undefined ? { type: spec.type } : { type: spec.type, short: spec.short }];
  }),
);

/**
 * The help's option list, one line an option in table order, the description in column 31.
 *
 * @example
 * optionHelp().split('\n')[0]; // '  --json                      Print one JSON document ...'
 */
export function optionHelp(): string {
  return OPTION_NAMES.map((name) => {
    const spec: OptionSpec = OPTIONS[name];
    const flag = spec.short === undefined ? `--${name}` : `-${spec.short}, --${name}`;
    const usage = spec.value === undefined ? flag : `${flag} ${spec.value}`;
    return `  ${usage.padEnd(28)}${spec.help}`;
  }).join('\n');
}

/** What the command line asked for. */
export interface CommandLine {
  /** The first positional argument, `undefined` when there is none. */
  command: string | undefined;
  /** The positional arguments after the command. */
  args: string[];
  flags: Flags;
}

/**
 * A mistake on the command line: the tool prints the message and the short usage, and exits 2.
 *
 * @example
 * throw new UsageError("Unknown command 'sned'");
 */
export class UsageError extends Error {
  override name = 'UsageError';
}

// Long spellings people reach for; matched case-insensitively, with or without '=value'.
const LONG_PASSWORD = /^--(password|passwd|pass|pwd|pw)(=|$)/i;
// '-p', '-psecret', or a group of our short flags ending in p ('-hp').
const SHORT_PASSWORD = /^-[hv]*[pP]/;

/**
 * Whether argv tries to pass a password as a flag, in any spelling. Scanning stops at `--`, after
 * which everything is a positional argument.
 *
 * @example
 * hasPasswordFlag(['verify', '--password=hunter2']); // true
 * hasPasswordFlag(['send', '96598765432', '--', '-p']); // false: after '--' it is the message
 */
export function hasPasswordFlag(argv: readonly string[]): boolean {
  for (const arg of argv) {
    if (arg === '--') return false;
    if (LONG_PASSWORD.test(arg) || SHORT_PASSWORD.test(arg)) return true;
  }
  return false;
}

/**
 * Shown instead of anything the user typed: the value after the flag is a secret.
 *
 * @example
 * if (hasPasswordFlag(argv)) throw new UsageError(PASSWORD_FLAG_MESSAGE);
 */
export const PASSWORD_FLAG_MESSAGE =
  'The password cannot be given on the command line (shell history and process lists would keep it). ' +
  'Set KWTSMS_PASSWORD in the environment or in .env; with only KWTSMS_USERNAME set, kwtsms asks for it.';

/**
 * Reads argv (without `node` and the script). Flags may come anywhere; `--` ends them, so a message
 * that starts with '-' can follow it.
 *
 * @param argv `process.argv.slice(2)`
 * @throws UsageError for an unknown flag, a flag missing its value, a value given to a yes/no flag,
 *   or a password flag; no message repeats a value the user typed
 * @example
 * parseCommandLine(['send', '--json', '96598765432', 'Hello']);
 * // { command: 'send', args: ['96598765432', 'Hello'], flags: { json: true, fake: false, ... } }
 */
export function parseCommandLine(argv: readonly string[]): CommandLine {
  if (hasPasswordFlag(argv)) throw new UsageError(PASSWORD_FLAG_MESSAGE);
  const { tokens } = parseArgs({ args: [...argv], options: PARSE_OPTIONS, strict: false, allowPositionals: true, tokens: true });
  const flags = noFlags();
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') {
      positionals.push(token.value);
      continue;
    }
    if (token.kind === 'option-terminator') continue;
    // rawName never includes an inline '=value', so no value is echoed.
    const { name, rawName, value, inlineValue } = token;
    if (isBooleanFlag(name)) {
      if (inlineValue === true) throw new UsageError(`Option '${rawName}' takes no value`);
      flags[name] = true;
      continue;
    }
    if (!isStringFlag(name)) throw new UsageError(`Unknown option '${rawName}'`);
    // Non-strict parseArgs takes the next token as the value even when it is another flag.
    if (value === undefined || value === '' || (inlineValue !== true && value.startsWith('-'))) {
      throw new UsageError(`Option '${rawName}' needs a value`);
    }
    flags[name] = value;
  }
  const [command, ...args] = positionals;
  return { command, args, flags };
}
