import { describe, expect, it } from 'vitest';
import { codeKey, cooldownKey, failuresKey, ipSentKey, phoneSentKey } from '../../src/otp/keys.js';

describe('store key names', () => {
  it.each([
    [cooldownKey('p:', '96598765432'), 'p:phone:96598765432:cooldown'],
    [codeKey('p:', '96598765432', 'login'), 'p:phone:96598765432:code:login'],
    [phoneSentKey('p:', '96598765432', 3_600_000), 'p:phone:96598765432:sent:3600000'],
    [ipSentKey('p:', '2001:db8::1', 3_600_000), 'p:ip:2001:db8::1:sent:3600000'],
    [failuresKey('p:', '96598765432', 86_400_000), 'p:phone:96598765432:failures:86400000'],
  ])('%s', (key, expected) => {
    expect(key).toBe(expected);
  });

  it('a purpose cannot reach another record of the number', () => {
    expect(codeKey('', '965', 'x')).not.toBe(cooldownKey('', '965'));
    expect(codeKey('', '965', 'login:sent:1')).not.toBe(phoneSentKey('', '965', 1));
    expect(codeKey('', '965', ':cooldown').startsWith('phone:965:code:')).toBe(true);
  });
});
