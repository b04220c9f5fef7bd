/**
 * Which gateway the tool talks to, and with which credentials: the real one
 * with the credentials `KwtSMS.fromEnv` reads, or the built-in fake when
 * `--fake` is given or no credentials are configured at all.
 */
import { DEFAULT_SENDER_ID, KwtSMS } from '../client.js';
import { ENV_VARS, lookupEnv } from '../env.js';
import { nonEmpty } from '../guards.js';
import { createFakeGateway, type FakeGateway } from '../testing/index.js';
import type { KwtSMSOptions } from '../types.js';
import { UsageError, type Flags } from './args.js';
import type { Host } from './host.js';
import { promptHidden } from './prompt.js';

/** A client ready to use, and the fake behind it when there is one. */
export interface Connection {
  sms: KwtSMS;
  /** The in-memory gateway the client talks to; `undefined` for the real gateway. */
  fake: FakeGateway | undefined;
}

/**
 * The user pressed Ctrl-C at the password prompt: the tool exits 130, as a shell does.
 *
 * @example
 * if (error instanceof Cancelled) return 130;
 */
export class Cancelled extends Error {
  override name = 'Cancelled';
}

/** Not part of `fromEnv`: a CLI-only way to reach a proxy or a local fake (`fake.serve()`). */
const BASE_URL_VAR = 'KWTSMS_BASE_URL';

/** Printed on stderr when the tool falls back to the fake. */
const FAKE_NOTICE =
  `kwtsms: no credentials configured (${ENV_VARS.username}, ${ENV_VARS.password}): ` +
  'using the built-in fake gateway, nothing is sent.\n';

// Pacing protects the real gateway's rate limit; against the in-memory fake it only adds waiting.
const FAKE_PACING = { batchDelayMs: 0, retryDelaysMs: [10, 20, 40] } as const;

/** Builds a client; a bad option (a 12-character sender ID, a malformed URL) is a usage error. */
function build(make: () => KwtSMS): KwtSMS {
  try {
    return make();
  } catch (error) {
    if (error instanceof TypeError) throw new UsageError(error.message);
    throw error;
  }
}

/**
 * Whether `connect` will use the fake: `--fake`, or neither username nor password configured.
 *
 * @example
 * if (usesFake(flags, host.env)) console.error('offline run');
 */
export function usesFake(flags: Pick<Flags, 'fake'>, env: Record<string, string | undefined>): boolean {
  if (flags.fake) return true;
  const get = lookupEnv({ env });
  return (get(ENV_VARS.username) ?? '') === '' && (get(ENV_VARS.password) ?? '') === '';
}

/**
 * Connects as the command line and the environment say.
 *
 * @param flags `--fake`, `--sender`, `--test`
 * @param host environment, terminal and stderr
 * @param extra options that win over everything (the demo forces test mode this way)
 * @throws UsageError when only one of username and password is configured and none can be asked
 *   for, or an option is invalid; Cancelled when the password prompt is cancelled
 * @example
 * const { sms, fake } = await connect(line.flags, processHost());
 */
export async function connect(flags: Flags, host: Host, extra: KwtSMSOptions = {}): Promise<Connection> {
  const get = lookupEnv({ env: host.env });
  const username = get(ENV_VARS.username) ?? '';
  const password = get(ENV_VARS.password) ?? '';
  const options: KwtSMSOptions = {};
  if (flags.sender !== undefined) options.senderId = flags.sender;
  if (flags.test) options.testMode = true;
  Object.assign(options, extra);

  if (usesFake(flags, host.env)) {
    if (!flags.fake) host.err(FAKE_NOTICE);
    // The fake knows the sender in use, so `--sender MY-APP` can be tried without an account.
    const sender = options.senderId ?? nonEmpty(get(ENV_VARS.senderId)) ?? DEFAULT_SENDER_ID;
    const fake = createFakeGateway({ senderIds: [...new Set([DEFAULT_SENDER_ID, sender])] });
    const env = { ...host.env, [ENV_VARS.username]: 'demo', [ENV_VARS.password]: 'demo' };
    // logFile '': calls to the fake do not belong in the log of real sends.
    const sms = build(() => KwtSMS.fromEnv({ ...FAKE_PACING, ...options, fetch: fake.fetch, logFile: '', env }));
    return { sms, fake };
  }

  if (username === '') {
    throw new UsageError(`${ENV_VARS.password} is set but ${ENV_VARS.username} is not. Set both, or neither to use the fake gateway.`);
  }
  let env = host.env;
  if (password === '') {
    if (host.stdin.isTTY !== true) {
      throw new UsageError(
        `${ENV_VARS.username} is set but ${ENV_VARS.password} is not. Set it in the environment or .env, or run in a terminal to be asked for it.`,
      );
    }
    const typed = await promptHidden(host.stdin, host.err, `kwtSMS API password for ${username}: `);
    if (typed === null) throw new Cancelled('Cancelled');
    if (typed === '') throw new UsageError('No password given.');
    env = { ...host.env, [ENV_VARS.password]: typed };
  }
  const baseUrl = nonEmpty(get(BASE_URL_VAR));
  if (baseUrl !== undefined) options.baseUrl = baseUrl;
  const sms = build(() => KwtSMS.fromEnv({ ...options, env }));
  return { sms, fake: undefined };
}
