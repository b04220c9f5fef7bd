/**
 * The help texts: the full one for `--help`, and the short reminder printed
 * under a usage error.
 */
import { optionHelp } from './args.js';

/**
 * The short usage, printed to stderr under every usage error.
 *
 * @example
 * process.stderr.write(`kwtsms: Unknown command 'sned'\n\n${SHORT_USAGE}`);
 */
export const SHORT_USAGE = `Usage: kwtsms <command> [arguments] [--json] [--fake] [--test] [--sender <id>]
Commands: verify, balance, send, validate, senderids, coverage, status, dlr, info, demo, help
Run 'kwtsms --help' for details.
`;

/**
 * The full help, printed to stdout by `kwtsms --help` and `kwtsms help`.
 *
 * @example
 * process.stdout.write(HELP);
 */
export const HELP = `kwtsms: send SMS through the kwtSMS gateway (kwtsms.com)

Usage: kwtsms <command> [arguments] [options]

Commands:
  verify                      Check the credentials and show the balance
  balance                     Show the available credits
  send <numbers> <message>    Send a message; numbers separated by commas
  send --file <path> <message>
                              Send to the numbers in a file (one a line; '#' comments)
  send --file <path> <message> --journal <path>
                              The same, resumable: run it again after a crash and
                              batches already sent are skipped, never sent twice
  validate <numbers...>       Ask the gateway which numbers are routable
  senderids                   List the sender IDs registered on the account
  coverage                    List the country prefixes active on the account
  status <msg-id>             Show the queue status of a sent message
  dlr <msg-id>                Show the delivery report of a sent message
  info <message>              Show what a message becomes and what it costs (no request)
  demo                        A short guided tour (sends nothing with real credentials)
  help                        Show this help

Options:
${optionHelp()}
  --                          End of options: a message starting with '-' may follow

Environment (or a .env file in the current directory):
  KWTSMS_USERNAME, KWTSMS_PASSWORD   API credentials (kwtsms.com > Account > API).
                                     None set: the fake gateway is used. Only the
                                     username set: the password is asked for.
  KWTSMS_SENDER_ID, KWTSMS_TEST_MODE, KWTSMS_LOG_FILE
  KWTSMS_BASE_URL                    Another gateway address (a proxy, or a local fake)
  KWTSMS_PROGRESS=1|0                Force the bulk progress bar on or off
  KWTSMS_DEMO_TO                     With real credentials, the number 'demo' sends
                                     one test-mode message to

Exit status: 0 success, 1 the gateway or the library reported an error, 2 usage error.
The password is never accepted as an option.
`;
