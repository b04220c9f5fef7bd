/**
 * Runs every example in `examples/` as a user would (`tsx`, importing the package by its public
 * name, so `dist/` must be built: `npx tsup`) and checks its exit status and key lines of output.
 *
 * Each child gets a clean environment (no KWTSMS_* variables, no EXAMPLE_PHONE or PORT) and runs
 * in an empty temporary directory, so neither the developer's shell nor a stray `.env` in the repo
 * can make an example talk to the real gateway: everything runs on the in-memory fake.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { http, passthrough } from 'msw';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis } from '../helpers/redis.js';
import { server as msw } from '../msw.js';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const examplesDir = join(root, 'examples');
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const MSG_ID = /[0-9a-f]{32}/;

let cwd: string;
beforeAll(() => {
  if (!existsSync(join(root, 'dist', 'index.js')) || !existsSync(join(root, 'dist', 'testing.js'))) {
    throw new Error('The examples import the built package (dist/): run `npx tsup` first.');
  }
  cwd = mkdtempSync(join(tmpdir(), 'kwtsms-examples-'));
});
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

/** The parent's environment without anything that could point an example at a real account. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith('KWTSMS_') && !['EXAMPLE_PHONE', 'PORT', 'REDIS_URL', 'OTP_SECRET'].includes(name)) env[name] = value;
  }
  return { ...env, NO_COLOR: '1', ...extra };
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runExample(file: string, args: string[] = [], options: { env?: Record<string, string>; cwd?: string } = {}): Promise<Run> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', tsxLoader, join(examplesDir, file), ...args], {
      cwd: options.cwd ?? cwd,
      env: cleanEnv(options.env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill(), 45_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
  });
}

async function expectRuns(file: string, args: string[] = []): Promise<Run> {
  const run = await runExample(file, args);
  expect(run.code, `${file} exited ${run.code}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`).toBe(0);
  return run;
}

const exampleFiles = readdirSync(examplesDir).filter((name) => /^\d\d-.+\.ts$/.test(name)).sort();

describe('examples/', () => {
  it.each(exampleFiles)('%s has a header saying what it shows and the command that runs it', (file) => {
    const source = readFileSync(join(examplesDir, file), 'utf8');
    expect(source.startsWith('/**')).toBe(true);
    expect(source).toContain(`npx tsx examples/${file}`);
    expect(source).toMatch(/from 'kwtsms(\/testing|\/otp)?'/); // the public name, as users write it
    expect(source).not.toMatch(/from '\.\.\//);
  });

  it('README.md lists every example with its command', () => {
    const readme = readFileSync(join(examplesDir, 'README.md'), 'utf8');
    for (const file of exampleFiles) expect(readme).toContain(`npx tsx examples/${file}`);
  });

  it('every example has a run test below', () => {
    const source = readFileSync(fileURLToPath(import.meta.url), 'utf8');
    for (const file of exampleFiles) expect(source).toContain(`expectRuns('${file}'`);
  });
});

describe.concurrent('running the examples offline', { timeout: 90_000 }, () => {
  it('00-raw-api.ts calls every endpoint with plain fetch', async () => {
    const { stdout } = await expectRuns('00-raw-api.ts');
    expect(stdout).toContain('calling the in-memory fake gateway');
    for (const endpoint of ['balance', 'senderid', 'coverage', 'validate', 'send', 'status', 'dlr']) {
      expect(stdout).toContain(`POST ${endpoint}/`);
    }
    expect(stdout).toMatch(new RegExp(`"msg-id":"${MSG_ID.source}"`));
    expect(stdout).toContain('"report":[{"Number":"966559876543"');
    expect(stdout).toContain('HTTP 403 {"result":"ERROR","code":"ERR003"');
    expect(stdout).not.toContain('demo_pass');
  });

  it('01-basic-usage.ts verifies, sends and prints the result', async () => {
    const { stdout, stderr } = await expectRuns('01-basic-usage.ts');
    expect(stderr).toContain('in-memory fake gateway');
    expect(stdout).toContain('Verify: OK, balance 1000');
    expect(stdout).toMatch(new RegExp(`Send: OK, msg-id ${MSG_ID.source}, 1 number\\(s\\)`));
    expect(stdout).toContain('Balance after: 999');
    expect(stdout).not.toContain('demo_pass');
  });

  it('02-otp-flow.ts validates the phone, sends the code, saves msg-id and balance-after', async () => {
    const { stdout } = await expectRuns('02-otp-flow.ts');
    expect(stdout).toContain("'123' is too short (3 digits, minimum is 7)");
    expect(stdout).toMatch(new RegExp(`OTP sent to 9659\\*\\*\\*\\*432: msg-id ${MSG_ID.source}, balance after 999`));
    expect(stdout).toMatch(/The fake gateway received: "Your OTP for MYAPP is: \d{6}"/);
  });

  it('02-otp-flow.ts accepts Arabic digits and rejects junk without a request', async () => {
    expect((await expectRuns('02-otp-flow.ts', ['+٩٦٥ ٩٨٧٦ ٥٤٣٢'])).stdout).toContain('-> 96598765432');
    expect((await expectRuns('02-otp-flow.ts', ['abc'])).stdout).toContain('Rejected before any request');
  });

  it('03-bulk.ts batches mixed formats and accounts for every input', async () => {
    const { stdout } = await expectRuns('03-bulk.ts');
    expect(stdout).toContain('batch 3/3, 11/11 numbers');
    expect(stdout).toContain('Result: PARTIAL');
    expect(stdout).toContain('batch 3: ERR026');
    expect(stdout).toContain('"": Phone number is required');
    expect(stdout).toContain('= 18 of 18 inputs');
  });

  it('04-http-endpoint.ts answers users in plain words, never with ERR codes', async () => {
    const { stdout } = await expectRuns('04-http-endpoint.ts');
    const answers = stdout.split('\n').filter((line) => line.includes('->'));
    expect(answers.map((line) => line.trim().slice(3, 6))).toEqual(['200', '429', '400', '400', '400', '503']);
    expect(answers[0]).toMatch(new RegExp(`"messageId":"${MSG_ID.source}"`));
    for (const line of answers) expect(line).not.toMatch(/ERR\d{3}/);
  });

  it('04-http-endpoint.ts --serve puts the app on 127.0.0.1 through node:http', async () => {
    const child = spawn(process.execPath, ['--import', tsxLoader, join(examplesDir, '04-http-endpoint.ts'), '--serve'], {
      cwd,
      env: cleanEnv({ PORT: '0' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolveUrl, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /Listening on (http:\/\/127\.0\.0\.1:\d+\/sms\/send)/.exec(out);
          if (match?.[1] !== undefined) resolveUrl(match[1]);
        });
        child.on('close', (code) => reject(new Error(`exited ${code} before listening: ${out}`)));
      });
      msw.use(http.all(url, () => passthrough()));
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ phone: '+965 9876 5432', message: 'Hello' }),
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ ok: true, messageId: expect.stringMatching(MSG_ID) });
    } finally {
      child.kill();
    }
  });

  it('05-error-handling.ts stages every error and shows code, action and the user message', async () => {
    const { stdout } = await expectRuns('05-error-handling.ts');
    const codes = ['ERR_INVALID_INPUT', 'ERR009', 'ERR012', 'ERR003', 'ERR010', 'ERR011', 'ERR008', 'ERR026', 'ERR028', 'ERR013'];
    for (const code of [...codes, 'NETWORK', 'TIMEOUT', 'BAD_RESPONSE', 'ABORTED']) expect(stdout).toContain(`[${code}]`);
    expect(stdout).toMatch(new RegExp(`\\[OK\\] Queue full twice, then accepted: 3 requests, msg-id ${MSG_ID.source}`));
    expect(stdout).toContain('Queue still full after 4 attempts');
    expect(stdout).toContain('user sees:   Please wait a moment before requesting another code.');
    expect(stdout.match(/\[throws\]/g)).toHaveLength(3);
  });

  it('06-otp-production.ts runs request, verify, resend, expiry and rate limits on an injected clock', async () => {
    const { stdout } = await expectRuns('06-otp-production.ts');
    expect(stdout).toMatch(/09:00 request a code\s+OK/);
    expect(stdout).toMatch(/09:01 resend after 1 minute\s+cooldown: Please wait 180 s/);
    expect(stdout).toMatch(/verify the first \(replaced\) code\s+wrong_code/);
    expect(stdout).toMatch(/verify the new code\s+OK/);
    expect(stdout).toMatch(/verify it again \(single use\)\s+no_code/);
    expect(stdout).toMatch(/verify after 6 minutes\s+expired/);
    expect(stdout).toMatch(/4th code this hour\s+rate_limited/);
    expect(stdout).toMatch(/11th code from one IP this hour\s+rate_limited/);
    expect(stdout).toMatch(/an hour later\s+OK/);
    expect(stdout).toMatch(/after 5 wrong guesses, the right one\s+too_many_attempts/);
    expect(stdout).toContain('SMS sent: 11');
  });

  it('06-otp-worker.ts serves requests through its Worker fetch with a fake env', async () => {
    const { stdout, stderr } = await expectRuns('06-otp-worker.ts');
    expect(stdout).toContain('-> 200 {"ok":true,"expiresInSeconds":300,"resendInSeconds":240}');
    expect(stdout).toMatch(/sender MYAPP: "Your OTP for MYAPP is: \d{6}"/);
    expect(stdout).toContain('-> 200 {"ok":true}');
    expect(stdout).toContain('-> 429 {"ok":false,"error":"Please wait 240 s');
    expect(stdout).toContain('-> 503');
    expect(stderr).toContain('set KWTSMS_USERNAME and KWTSMS_PASSWORD');
  });

  it('07-otp-service.ts answers in plain words with the right statuses, 429 with Retry-After, on the memory store', async () => {
    const { stdout, stderr } = await expectRuns('07-otp-service.ts');
    expect(stderr).toContain('memoryOtpStore');
    const answers = stdout.split('\n').filter((line) => line.includes('->'));
    expect(answers.map((line) => line.trim().slice(3, 6))).toEqual(['200', '429', '400', '200', '400', '400', '429']);
    expect(answers[1]).toContain('Retry-After: 240');
    expect(answers[6]).toContain('Retry-After: 3600');
    expect(answers[2]?.slice(7)).toBe(answers[4]?.slice(7)); // a wrong code and a used one read the same
    for (const line of answers) expect(line).not.toMatch(/ERR\d{3}|OTP_/);
  });

  it('07-otp-service.ts keeps codes in Redis when REDIS_URL is set', async () => {
    const redis = await startRedis();
    try {
      const run = await runExample('07-otp-service.ts', [], { env: { REDIS_URL: redis.url } });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toContain('redisOtpStore');
      const answers = run.stdout.split('\n').filter((line) => line.includes('->'));
      expect(answers.map((line) => line.trim().slice(3, 6))).toEqual(['200', '429', '400', '200', '400', '400', '429']);
    } finally {
      await redis.stop();
    }
  });

  it('08-resumable-campaign.ts resumes from its journal file and never sends a batch twice', async () => {
    const { stdout } = await expectRuns('08-resumable-campaign.ts');
    expect(stdout).toContain('Run 1, stopped mid-campaign: PARTIAL [ABORTED]');
    expect(stdout).toContain('Run 2, resumed from the journal: PARTIAL [INTERRUPTED]');
    expect(stdout).toContain('requests the gateway received over both runs: 5 (one per batch, none twice)');
    expect(stdout).toContain('INTERRUPTED (20 numbers) Its fate is unknown');
    expect(stdout).toContain('The gateway did take it: do NOT resend');
    expect(stdout).toContain('Run 3, nothing left to send: PARTIAL [INTERRUPTED]');
    expect(stdout).toContain('  requests the gateway received: 5\n');
    expect(stdout).toMatch(/Accounted for: \d+ accepted \+ \d+ in errors = 100 of 100 numbers/);
  });

  it('09-bullmq-workers.ts sends a campaign and an OTP through two workers on a throwaway redis-server', async () => {
    const { stdout } = await expectRuns('09-bullmq-workers.ts');
    expect(stdout).toMatch(/^redis-server on 127\.0\.0\.1:\d+$/m);
    expect(stdout).toContain('Campaign queued: 5 batches, 1000 numbers, 1 invalid, 1 duplicate');
    expect(stdout).toContain('Added again: 5 batches, the same campaign');
    expect(stdout).toMatch(/OTP OK: msg-id [0-9a-f]{32}, request [12] of/);
    expect(stdout).toContain('Campaign done: 5 batches, 1000 numbers accepted, 0 failed batches, 1 invalid');
  });

  it('09-bullmq-workers.ts without redis-server on PATH says how to get one and exits 0', async () => {
    const run = await runExample('09-bullmq-workers.ts', [], { env: { PATH: join(cwd, 'no-such-dir') } });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('redis-server is not on PATH');
    expect(run.stdout).toContain('apt-get install -y redis-server');
  });

  it('empty credentials count as not configured, even with a .env beside them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kwtsms-examples-env-'));
    try {
      writeFileSync(join(dir, '.env'), 'KWTSMS_USERNAME=someone\nKWTSMS_PASSWORD=secret\n');
      const run = await runExample('01-basic-usage.ts', [], { cwd: dir, env: { KWTSMS_USERNAME: '', KWTSMS_PASSWORD: '' } });
      expect(run.code).toBe(0);
      expect(run.stderr).toContain('in-memory fake gateway');
      expect(run.stdout).toContain('"username":"demo_user"');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
