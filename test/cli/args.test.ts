import { describe, expect, it } from 'vitest';
import { hasPasswordFlag, optionHelp, parseCommandLine, PASSWORD_FLAG_MESSAGE, UsageError } from '../../src/cli/args.js';

const NO_FLAGS = { json: false, fake: false, test: false, help: false, version: false };

describe('parseCommandLine', () => {
  it.each([
    [['verify'], { command: 'verify', args: [], flags: NO_FLAGS }],
    [[], { command: undefined, args: [], flags: NO_FLAGS }],
    [
      ['--json', 'send', '96598765432', '--fake', 'Hello', '--test'],
      { command: 'send', args: ['96598765432', 'Hello'], flags: { ...NO_FLAGS, json: true, fake: true, test: true } },
    ],
    [
      ['send', '--sender', 'MY-APP', '--file=n.txt', 'Hi'],
      { command: 'send', args: ['Hi'], flags: { ...NO_FLAGS, sender: 'MY-APP', file: 'n.txt' } },
    ],
    [
      ['send', '--file', 'n.txt', 'Hi', '--journal', 'campaign.jsonl'],
      { command: 'send', args: ['Hi'], flags: { ...NO_FLAGS, file: 'n.txt', journal: 'campaign.jsonl' } },
    ],
    [['send', '965', '--', '--json', '-5 degrees'], { command: 'send', args: ['965', '--json', '-5 degrees'], flags: NO_FLAGS }],
    [['-h'], { command: undefined, args: [], flags: { ...NO_FLAGS, help: true } }],
    [['-v'], { command: undefined, args: [], flags: { ...NO_FLAGS, version: true } }],
    [['-hv'], { command: undefined, args: [], flags: { ...NO_FLAGS, help: true, version: true } }],
  ])('%j', (argv, expected) => {
    expect(parseCommandLine(argv)).toEqual(expected);
  });

  it.each([
    [['--bogus'], "Unknown option '--bogus'"],
    [['--bogus=value'], "Unknown option '--bogus'"],
    [['-x'], "Unknown option '-x'"],
    [['--json=1'], "Option '--json' takes no value"],
    [['--sender'], "Option '--sender' needs a value"],
    [['--sender='], "Option '--sender' needs a value"],
    [['--sender', '--json'], "Option '--sender' needs a value"],
    [['--file'], "Option '--file' needs a value"],
    [['--journal'], "Option '--journal' needs a value"],
  ])('%j is a usage error', (argv, message) => {
    expect(() => parseCommandLine(argv)).toThrow(new UsageError(message));
  });

  it('lets an inline value start with a dash', () => {
    expect(parseCommandLine(['--file=-numbers.txt']).flags.file).toBe('-numbers.txt');
  });

  it.each([
    ['--password', 'hunter2'],
    ['--password=hunter2'],
    ['--Password=hunter2'],
    ['--passwd=hunter2'],
    ['--pass', 'hunter2'],
    ['--pw=hunter2'],
    ['-p', 'hunter2'],
    ['-phunter2'],
    ['-P', 'hunter2'],
    ['-hp', 'hunter2'],
  ])('refuses %j with a message that does not repeat the value', (...flag) => {
    const error = (() => {
      try {
        parseCommandLine(['verify', ...flag]);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe(PASSWORD_FLAG_MESSAGE);
    expect((error as Error).message).not.toContain('hunter2');
  });
});

describe('hasPasswordFlag', () => {
  it.each([
    [['send', '96598765432', 'my password is x'], false],
    [['send', '96598765432', '--', '--password=x'], false],
    [['--passenger'], false],
    [['--password'], true],
    [['send', '-p'], true],
  ])('%j -> %s', (argv, expected) => {
    expect(hasPasswordFlag(argv)).toBe(expected);
  });
});

describe('optionHelp', () => {
  it('lists every option of the table, aligned, in table order', () => {
    expect(optionHelp()).toBe(
      [
        "  --json                      Print one JSON document (the library's result) on stdout",
        '  --fake                      Use the built-in fake gateway: nothing leaves this machine',
        '  --test                      Test mode: queued, never delivered (credits are held)',
        '  --sender <id>               Sender ID for this run (default KWTSMS_SENDER_ID, then KWT-SMS)',
        '  --file <path>               Numbers file for send',
        '  --journal <path>            Journal file for send: run the same command again to resume after a crash',
        '  -h, --help                  Show this help',
        '  -v, --version               Show the version',
      ].join('\n'),
    );
  });
});
