import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/args.js';
import { checkArgs } from '../../src/cli/commands.js';

describe('checkArgs', () => {
  it.each([
    ['verify', [], false, []],
    ['status', ['<msg-id>'], false, ['abc']],
    ['validate', ['<numbers>'], true, ['1', '2', '3']],
  ])('accepts %s %j', (command, params, variadic, args) => {
    expect(() => checkArgs(command, params, variadic, args)).not.toThrow();
  });

  it.each([
    ['status', ['<msg-id>'], false, [], 'Missing argument <msg-id> for status'],
    ['send', ['<numbers>', '<message>'], false, ['965'], 'Missing argument <message> for send'],
    ['validate', ['<numbers>'], true, [], 'Missing argument <numbers> for validate'],
    ['verify', [], false, ['extra'], 'Too many arguments for verify'],
    ['send', ['<numbers>', '<message>'], false, ['965', 'Hello', 'world'], 'Too many arguments for send: quote a message that has spaces'],
  ])('refuses %s %j', (command, params, variadic, args, message) => {
    expect(() => checkArgs(command, params, variadic, args)).toThrow(new UsageError(message));
  });
});
