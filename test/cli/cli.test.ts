import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeGateway, type FakeServer } from '../../src/testing/index.js';
import type { SendResult, ValidateResult, VerifyResult } from '../../src/types.js';
import { buildCli, cleanEnv, PACKAGE_VERSION, runCli, type BuiltCli, type CliRun } from './helpers.js';

let built: BuiltCli;

beforeAll(() => {
  built = buildCli();
}, 120_000);

afterAll(() => built.cleanup());

function kwtsms(args: readonly string[], env: Record<string, string> = {}): Promise<CliRun> {
  return runCli(built.cli, args, { cwd: built.cwd, env: cleanEnv(env) });
}

function json<T>(run: CliRun): T {
  return JSON.parse(run.stdout) as T;
}

const NOTICE = 'using the built-in fake gateway';

// Every test runs its own process, so they run side by side.
describe.concurrent('the built kwtsms command', () => {
  describe('kwtsms --fake send', () => {
    it('prints one OK SendResult, the same as `npx kwtsms --fake send 96598765432 "Hello" --json`', async () => {
      const run = await kwtsms(['--fake', 'send', '96598765432', 'Hello', '--json']);
      expect(run.code).toBe(0);
      expect(run.stderr).toBe('');
      const result = json<SendResult>(run);
      expect(result).toMatchObject({ result: 'OK', numbers: 1, pointsCharged: 1, balanceAfter: 999, batches: 1, errors: [], invalid: [] });
      expect(result.msgId).toMatch(/^[0-9a-f]{32}$/);
      expect(result.msgIds).toEqual([result.msgId]);
    });

    it('reports invalid entries and sends a duplicate once', async () => {
      const run = await kwtsms(['send', '96598765432, +965 9876 5432;123,a@b.com', 'Hello', '--json', '--fake']);
      expect(run.code).toBe(0);
      const result = json<SendResult>(run);
      expect(result.result).toBe('OK');
      expect(result.numbers).toBe(1);
      expect(result.pointsCharged).toBe(1);
      expect(result.invalid).toEqual([
        { input: '123', error: "'123' is too short (3 digits, minimum is 7)" },
        { input: 'a@b.com', error: "'a@b.com' is an email address, not a phone number" },
      ]);
    });

    it('shows a readable summary without --json', async () => {
      const run = await kwtsms(['--fake', 'send', '96598765432,+96598765432,123', 'Hello']);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^result +OK$/m);
      expect(run.stdout).toMatch(/^numbers +1$/m);
      expect(run.stdout).toMatch(/^duplicates +1 \(each number is sent once\)$/m);
      expect(run.stdout).toContain("'123' is too short");
    });

    it('exits 1 with the description and action on stderr when nothing can be sent', async () => {
      const run = await kwtsms(['--fake', '--json', 'send', '123', 'Hello']);
      expect(run.code).toBe(1);
      expect(json<SendResult>(run)).toMatchObject({ result: 'ERROR', code: 'ERR_INVALID_INPUT', batches: 0 });
      expect(run.stderr).toContain('Error ERR_INVALID_INPUT: No valid phone number to send to.');
      expect(run.stderr).toContain('Action: ');
    });

    it('takes flags anywhere on the line', async () => {
      const lines = [
        ['--json', '--fake', 'send', '96598765432', 'Hello'],
        ['send', '--json', '96598765432', '--fake', 'Hello'],
        ['send', '96598765432', 'Hello', '--fake', '--json'],
        ['send', '--fake', '96598765432', '--json', '--', '-Hello'],
      ];
      for (const line of lines) {
        const run = await kwtsms(line);
        expect(run.code, line.join(' ')).toBe(0);
        expect(json<SendResult>(run).result).toBe('OK');
      }
    });

    it('uses --sender (the fake registers it) and --test', async () => {
      const run = await kwtsms(['--fake', '--test', '--sender', 'MY-APP', 'send', '96598765432', 'Hello']);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^mode +test \(queued, not delivered\)$/m);
    });
  });

  describe('fallback to the fake', () => {
    it('says so on stderr when no credentials are configured, and keeps stdout one JSON document', async () => {
      const run = await kwtsms(['send', '96598765432', 'Hello', '--json']);
      expect(run.code).toBe(0);
      expect(run.stderr).toContain(NOTICE);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(json<SendResult>(run).result).toBe('OK');
    });

    it('says nothing for --fake or for info, which makes no request', async () => {
      expect((await kwtsms(['--fake', 'verify'])).stderr).toBe('');
      expect((await kwtsms(['info', 'Hello'])).stderr).toBe('');
    });
  });

  describe('the other commands, as JSON', () => {
    it('verify prints the VerifyResult', async () => {
      const run = await kwtsms(['verify', '--json']);
      expect(run.code).toBe(0);
      expect(json<VerifyResult>(run)).toEqual({ ok: true, balance: 1000, purchased: 1000, error: null });
    });

    it('balance prints the number', async () => {
      const run = await kwtsms(['balance', '--json']);
      expect(run.code).toBe(0);
      expect(json<number>(run)).toBe(1000);
      expect((await kwtsms(['balance'])).stdout).toBe('1000\n');
    });

    it('validate sorts numbers into ok, nr and rejected', async () => {
      const run = await kwtsms(['validate', '96598765432', '447911123456,123', '--json']);
      expect(run.code).toBe(0);
      const result = json<ValidateResult>(run);
      expect(result.ok).toEqual(['96598765432']);
      expect(result.nr).toEqual(['447911123456']);
      expect(result.rejected).toEqual([{ input: '123', error: "'123' is too short (3 digits, minimum is 7)" }]);
      expect(result.error).toBeNull();
    });

    it('info prints messageInfo of the text', async () => {
      const run = await kwtsms(['info', '--json', 'Code \u0661\u0662\u0663 \u{1F389}']);
      expect(run.code).toBe(0);
      expect(json<unknown>(run)).toEqual({
        text: 'Code 123 ',
        encoding: 'GSM-7',
        characters: 9,
        pages: 1,
        perPage: 160,
        maxPages: 7,
        tooLong: false,
      });
    });

    it('senderids and coverage print their results', async () => {
      expect(json<unknown>(await kwtsms(['senderids', '--json']))).toEqual({ result: 'OK', senderIds: ['KWT-SMS'] });
      expect(json<unknown>(await kwtsms(['coverage', '--json']))).toEqual({ result: 'OK', prefixes: ['965'] });
    });

    it('status and dlr of an unknown msg-id exit 1 with the error result', async () => {
      const status = await kwtsms(['status', 'f4c841adee210f31307633ceaebff2ec', '--json']);
      expect(status.code).toBe(1);
      expect(json<unknown>(status)).toMatchObject({ result: 'ERROR', code: 'ERR029' });
      expect(status.stderr).toMatch(/^Error ERR029: .+\nAction: .+/m);
      const dlr = await kwtsms(['dlr', 'f4c841adee210f31307633ceaebff2ec', '--json']);
      expect(dlr.code).toBe(1);
      expect(json<unknown>(dlr)).toMatchObject({ result: 'ERROR', code: 'ERR020', report: [] });
    });
  });

  describe('usage errors exit 2 with the short usage on stderr', () => {
    it.each([
      [['sned', '96598765432', 'Hi'], "Unknown command 'sned'"],
      [['--bogus', 'verify'], "Unknown option '--bogus'"],
      [['verify', '--json=yes'], "Option '--json' takes no value"],
      [['send', '96598765432'], 'Missing argument <message> for send'],
      [['send', '96598765432', 'Hello', 'world'], 'Too many arguments for send: quote a message that has spaces'],
      [['status'], 'Missing argument <msg-id> for status'],
      [['verify', '--sender'], "Option '--sender' needs a value"],
      [['balance', '--file', 'n.txt'], '--file is only for send'],
      [['send', '--file', 'missing.txt', 'Hello'], "Cannot read the numbers file 'missing.txt' (ENOENT)"],
      [['--sender', 'TWELVE-CHARS', 'verify'], 'senderId` must be a string of 1 to 11 characters'],
      [['demo', '--json'], 'demo has no --json output'],
      [[], 'Missing command'],
    ])('%j', async (args, message) => {
      const run = await kwtsms(args);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(message);
      expect(run.stderr).toContain('Usage: kwtsms <command>');
    });

    it.each([
      [['--password=secret', 'verify']],
      [['--password', 'secret', 'verify']],
      [['verify', '--PASSWORD=secret']],
      [['-p', 'secret', 'verify']],
      [['-psecret', 'verify']],
      [['send', '96598765432', 'Hi', '--pass=secret']],
    ])('refuses a password flag without repeating it: %j', async (args) => {
      const run = await kwtsms(args);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('The password cannot be given on the command line');
      expect(run.stderr).not.toContain('secret');
      expect(run.stdout).toBe('');
    });

    it('never echoes the value of an unknown option', async () => {
      const run = await kwtsms(['verify', '--token=topsecret']);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain("Unknown option '--token'");
      expect(run.stderr).not.toContain('topsecret');
    });
  });

  describe('help and version', () => {
    it('--help and help print the full help on stdout', async () => {
      for (const args of [['--help'], ['help'], ['send', '-h']]) {
        const run = await kwtsms(args);
        expect(run.code).toBe(0);
        expect(run.stdout).toContain('send --file <path> <message>');
        expect(run.stderr).toBe('');
      }
    });

    it('--version prints the version written in at build time', async () => {
      const run = await kwtsms(['--version']);
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(`${PACKAGE_VERSION}\n`);
    });
  });

  describe('send --file', () => {
    beforeAll(() => {
      writeFileSync(
        join(built.cwd, 'numbers.txt'),
        '# staff\n96598765432\n\n96550123456, 96560123456; 96598765432\n+965 9876 5432 # again\n123\n',
      );
    });

    it('sends to every number in the file once, with no progress bar off a terminal', async () => {
      const run = await kwtsms(['send', '--file', 'numbers.txt', 'Hello', '--json']);
      expect(run.code).toBe(0);
      const result = json<SendResult>(run);
      expect(result).toMatchObject({ result: 'OK', numbers: 3, pointsCharged: 3 });
      expect(result.invalid).toEqual([{ input: '123', error: "'123' is too short (3 digits, minimum is 7)" }]);
      expect(run.stderr).not.toContain('[#');
    });

    it('draws the progress bar on stderr when KWTSMS_PROGRESS=1 forces it', async () => {
      const run = await kwtsms(['--fake', 'send', 'Hello', '--file=numbers.txt', '--json'], { KWTSMS_PROGRESS: '1' });
      expect(run.code).toBe(0);
      expect(run.stderr).toBe(`\r[${'#'.repeat(30)}] 3/3 numbers, batch 1/1\n`);
      expect(json<SendResult>(run).numbers).toBe(3);
    });

    it('says how many duplicates were dropped', async () => {
      const run = await kwtsms(['--fake', 'send', '--file', 'numbers.txt', 'Hello']);
      expect(run.stdout).toMatch(/^duplicates +2 \(each number is sent once\)$/m);
    });
  });

  describe('credentials', () => {
    let server: FakeServer;

    beforeAll(async () => {
      server = await createFakeGateway({ username: 'alice', password: 'right-pass', balance: 42 }).serve();
    });

    afterAll(() => server.close());

    it('uses KWTSMS_USERNAME and KWTSMS_PASSWORD from the environment', async () => {
      const run = await kwtsms(['verify', '--json'], {
        KWTSMS_USERNAME: 'alice',
        KWTSMS_PASSWORD: 'right-pass',
        KWTSMS_BASE_URL: server.url,
      });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(json<VerifyResult>(run)).toMatchObject({ ok: true, balance: 42 });
    });

    it('reads them from .env in the current directory', async () => {
      // A directory of its own: the other tests run at the same time and must not see this .env.
      const cwd = mkdtempSync(join(tmpdir(), 'kwtsms-dotenv-'));
      try {
        writeFileSync(join(cwd, '.env'), `KWTSMS_USERNAME=alice\nKWTSMS_PASSWORD="right-pass"\nKWTSMS_BASE_URL=${server.url}\n`);
        const run = await runCli(built.cli, ['balance'], { cwd, env: cleanEnv() });
        expect(run.code).toBe(0);
        expect(run.stdout).toBe('42\n');
      } finally {
        rmSync(cwd, { recursive: true, force: true });
      }
    });

    it('exits 1 from verify when the gateway refuses them, without printing the password', async () => {
      const run = await kwtsms(['verify'], { KWTSMS_USERNAME: 'alice', KWTSMS_PASSWORD: 'wrong-pass', KWTSMS_BASE_URL: server.url });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^Error ERR003: /);
      expect(run.stderr + run.stdout).not.toContain('wrong-pass');
    });

    it('exits 2 when only the username is set and there is no terminal to ask on', async () => {
      const run = await kwtsms(['verify'], { KWTSMS_USERNAME: 'alice' });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('KWTSMS_USERNAME is set but KWTSMS_PASSWORD is not');
    });

    it('exits 2 when only the password is set', async () => {
      const run = await kwtsms(['verify'], { KWTSMS_PASSWORD: 'right-pass' });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('KWTSMS_PASSWORD is set but KWTSMS_USERNAME is not');
      expect(run.stderr).not.toContain('right-pass');
    });
  });

  describe('demo', () => {
    it('runs the scripted session against the fake and exits 0', async () => {
      const run = await kwtsms(['demo']);
      expect(run.code).toBe(0);
      expect(run.stderr).toContain(NOTICE);
      for (const heading of ['1. verify', '2. info', '3. send to', '4. status', '5. send to 96598765432 again', '6. balance']) {
        expect(run.stdout).toContain(heading);
      }
      expect(run.stdout).toContain("'123' is too short");
      expect(run.stdout).toContain('The gateway received 96598765432, 96550123456');
      expect(run.stdout).toMatch(/status +sent/);
      expect(run.stdout).toContain('Error ERR028');
      expect(run.stdout).toMatch(/6\. balance\n {2}998\n/);
    });

    it('with credentials, only reads and sends nothing without KWTSMS_DEMO_TO', async () => {
      const fake = createFakeGateway({ balance: 10 });
      const running = await fake.serve();
      try {
        const run = await kwtsms(['demo'], { KWTSMS_USERNAME: 'alice', KWTSMS_PASSWORD: 'pw', KWTSMS_BASE_URL: running.url });
        expect(run.code).toBe(0);
        expect(run.stdout).toContain('Skipped: set KWTSMS_DEMO_TO');
        expect(fake.state.sent).toHaveLength(0);
        expect(fake.state.requests.map((r) => r.endpoint)).toEqual(['balance', 'balance', 'senderid', 'coverage', 'validate']);
      } finally {
        await running.close();
      }
    });

    it('with credentials and KWTSMS_DEMO_TO, sends one test-mode message to it', async () => {
      const fake = createFakeGateway();
      const running = await fake.serve();
      try {
        const run = await kwtsms(['demo'], {
          KWTSMS_USERNAME: 'alice',
          KWTSMS_PASSWORD: 'pw',
          KWTSMS_BASE_URL: running.url,
          KWTSMS_DEMO_TO: '96598765432',
        });
        expect(run.code).toBe(0);
        expect(fake.state.sent).toHaveLength(1);
        expect(fake.state.sent[0]).toMatchObject({ numbers: ['96598765432'], test: true });
        expect(run.stdout).toContain('ERR030');
      } finally {
        await running.close();
      }
    });
  });
});
