/**
 * The country phone table: data only. These are the 81 entries the gateway
 * vendor's clients (Dart, JS, Python, Go, PHP, CLI) agree on, copied from
 * `phone-rules.tsv` so every kwtSMS client accepts and rejects the same numbers.
 * `test/phone-rules.test.ts` compares this file with that table.
 */

/** What a valid mobile number of one country looks like after its calling code. */
export interface PhoneRule {
  /** The allowed counts of digits after the calling code, e.g. `[8]` for Kuwait's 8-digit numbers. */
  readonly localLengths: readonly number[];
  /**
   * The digits a mobile number may start with right after the calling code,
   * e.g. `['5']` for Saudi Arabia's 5x numbers. Absent (or empty): any first digit.
   */
  readonly mobileStartDigits?: readonly string[];
}

// Written out as a literal so the table reads like the TSV; frozen below so a
// caller cannot change how every other caller validates numbers.
const RULES = {
  // The Gulf (GCC)
  '965': { localLengths: [8], mobileStartDigits: ['4', '5', '6', '9'] },
  '966': { localLengths: [9], mobileStartDigits: ['5'] },
  '971': { localLengths: [9], mobileStartDigits: ['5'] },
  '973': { localLengths: [8], mobileStartDigits: ['3', '6'] },
  '974': { localLengths: [8], mobileStartDigits: ['3', '5', '6', '7'] },
  '968': { localLengths: [8], mobileStartDigits: ['7', '9'] },
  // Rest of the Middle East and North Africa
  '962': { localLengths: [9], mobileStartDigits: ['7'] },
  '961': { localLengths: [7, 8], mobileStartDigits: ['3', '7', '8'] },
  '970': { localLengths: [9], mobileStartDigits: ['5'] },
  '964': { localLengths: [10], mobileStartDigits: ['7'] },
  '963': { localLengths: [9], mobileStartDigits: ['9'] },
  '967': { localLengths: [9], mobileStartDigits: ['7'] },
  '20': { localLengths: [10], mobileStartDigits: ['1'] },
  '218': { localLengths: [9], mobileStartDigits: ['9'] },
  '216': { localLengths: [8], mobileStartDigits: ['2', '4', '5', '9'] },
  '212': { localLengths: [9], mobileStartDigits: ['6', '7'] },
  '213': { localLengths: [9], mobileStartDigits: ['5', '6', '7'] },
  '249': { localLengths: [9], mobileStartDigits: ['9'] },
  '98': { localLengths: [10], mobileStartDigits: ['9'] },
  '90': { localLengths: [10], mobileStartDigits: ['5'] },
  '972': { localLengths: [9], mobileStartDigits: ['5'] },
  // South Asia
  '91': { localLengths: [10], mobileStartDigits: ['6', '7', '8', '9'] },
  '92': { localLengths: [10], mobileStartDigits: ['3'] },
  '880': { localLengths: [10], mobileStartDigits: ['1'] },
  '94': { localLengths: [9], mobileStartDigits: ['7'] },
  '960': { localLengths: [7], mobileStartDigits: ['7', '9'] },
  // East and Southeast Asia
  '86': { localLengths: [11], mobileStartDigits: ['1'] },
  '81': { localLengths: [10], mobileStartDigits: ['7', '8', '9'] },
  '82': { localLengths: [10], mobileStartDigits: ['1'] },
  '886': { localLengths: [9], mobileStartDigits: ['9'] },
  '65': { localLengths: [8], mobileStartDigits: ['8', '9'] },
  '60': { localLengths: [9, 10], mobileStartDigits: ['1'] },
  '62': { localLengths: [9, 10, 11, 12], mobileStartDigits: ['8'] },
  '63': { localLengths: [10], mobileStartDigits: ['9'] },
  '66': { localLengths: [9], mobileStartDigits: ['6', '8', '9'] },
  '84': { localLengths: [9], mobileStartDigits: ['3', '5', '7', '8', '9'] },
  '95': { localLengths: [9], mobileStartDigits: ['9'] },
  '855': { localLengths: [8, 9], mobileStartDigits: ['1', '6', '7', '8', '9'] },
  '976': { localLengths: [8], mobileStartDigits: ['6', '8', '9'] },
  // Europe
  '44': { localLengths: [10], mobileStartDigits: ['7'] },
  '33': { localLengths: [9], mobileStartDigits: ['6', '7'] },
  '49': { localLengths: [10, 11], mobileStartDigits: ['1'] },
  '39': { localLengths: [10], mobileStartDigits: ['3'] },
  '34': { localLengths: [9], mobileStartDigits: ['6', '7'] },
  '31': { localLengths: [9], mobileStartDigits: ['6'] },
  '32': { localLengths: [9] },
  '41': { localLengths: [9], mobileStartDigits: ['7'] },
  '43': { localLengths: [10], mobileStartDigits: ['6'] },
  '47': { localLengths: [8], mobileStartDigits: ['4', '9'] },
  '48': { localLengths: [9] },
  '30': { localLengths: [10], mobileStartDigits: ['6'] },
  '420': { localLengths: [9], mobileStartDigits: ['6', '7'] },
  '46': { localLengths: [9], mobileStartDigits: ['7'] },
  '45': { localLengths: [8] },
  '40': { localLengths: [9], mobileStartDigits: ['7'] },
  '36': { localLengths: [9] },
  '380': { localLengths: [9] },
  // The Americas
  '1': { localLengths: [10] },
  '52': { localLengths: [10] },
  '55': { localLengths: [11] },
  '57': { localLengths: [10], mobileStartDigits: ['3'] },
  '54': { localLengths: [10], mobileStartDigits: ['9'] },
  '56': { localLengths: [9], mobileStartDigits: ['9'] },
  '58': { localLengths: [10], mobileStartDigits: ['4'] },
  '51': { localLengths: [9], mobileStartDigits: ['9'] },
  '593': { localLengths: [9], mobileStartDigits: ['9'] },
  '53': { localLengths: [8], mobileStartDigits: ['5', '6'] },
  // Sub-Saharan Africa
  '27': { localLengths: [9], mobileStartDigits: ['6', '7', '8'] },
  '234': { localLengths: [10], mobileStartDigits: ['7', '8', '9'] },
  '254': { localLengths: [9], mobileStartDigits: ['1', '7'] },
  '233': { localLengths: [9], mobileStartDigits: ['2', '5'] },
  '251': { localLengths: [9], mobileStartDigits: ['7', '9'] },
  '255': { localLengths: [9], mobileStartDigits: ['6', '7'] },
  '256': { localLengths: [9], mobileStartDigits: ['7'] },
  '237': { localLengths: [9], mobileStartDigits: ['6'] },
  '225': { localLengths: [10] },
  '221': { localLengths: [9], mobileStartDigits: ['7'] },
  '252': { localLengths: [9], mobileStartDigits: ['6', '7'] },
  '250': { localLengths: [9], mobileStartDigits: ['7'] },
  // Oceania
  '61': { localLengths: [9], mobileStartDigits: ['4'] },
  '64': { localLengths: [8, 9, 10], mobileStartDigits: ['2'] },
} as const satisfies Record<string, PhoneRule>;

const NAMES = {
  // The Gulf (GCC)
  '965': 'Kuwait',
  '966': 'Saudi Arabia',
  '971': 'UAE',
  '973': 'Bahrain',
  '974': 'Qatar',
  '968': 'Oman',
  // Rest of the Middle East and North Africa
  '962': 'Jordan',
  '961': 'Lebanon',
  '970': 'Palestine',
  '964': 'Iraq',
  '963': 'Syria',
  '967': 'Yemen',
  '20': 'Egypt',
  '218': 'Libya',
  '216': 'Tunisia',
  '212': 'Morocco',
  '213': 'Algeria',
  '249': 'Sudan',
  '98': 'Iran',
  '90': 'Turkey',
  '972': 'Israel',
  // South Asia
  '91': 'India',
  '92': 'Pakistan',
  '880': 'Bangladesh',
  '94': 'Sri Lanka',
  '960': 'Maldives',
  // East and Southeast Asia
  '86': 'China',
  '81': 'Japan',
  '82': 'South Korea',
  '886': 'Taiwan',
  '65': 'Singapore',
  '60': 'Malaysia',
  '62': 'Indonesia',
  '63': 'Philippines',
  '66': 'Thailand',
  '84': 'Vietnam',
  '95': 'Myanmar',
  '855': 'Cambodia',
  '976': 'Mongolia',
  // Europe
  '44': 'UK',
  '33': 'France',
  '49': 'Germany',
  '39': 'Italy',
  '34': 'Spain',
  '31': 'Netherlands',
  '32': 'Belgium',
  '41': 'Switzerland',
  '43': 'Austria',
  '47': 'Norway',
  '48': 'Poland',
  '30': 'Greece',
  '420': 'Czech Republic',
  '46': 'Sweden',
  '45': 'Denmark',
  '40': 'Romania',
  '36': 'Hungary',
  '380': 'Ukraine',
  // The Americas
  '1': 'USA/Canada',
  '52': 'Mexico',
  '55': 'Brazil',
  '57': 'Colombia',
  '54': 'Argentina',
  '56': 'Chile',
  '58': 'Venezuela',
  '51': 'Peru',
  '593': 'Ecuador',
  '53': 'Cuba',
  // Sub-Saharan Africa
  '27': 'South Africa',
  '234': 'Nigeria',
  '254': 'Kenya',
  '233': 'Ghana',
  '251': 'Ethiopia',
  '255': 'Tanzania',
  '256': 'Uganda',
  '237': 'Cameroon',
  '225': 'Ivory Coast',
  '221': 'Senegal',
  '252': 'Somalia',
  '250': 'Rwanda',
  // Oceania
  '61': 'Australia',
  '64': 'New Zealand',
} as const satisfies Record<keyof typeof RULES, string>;

function freezeRules<T extends Record<string, PhoneRule>>(rules: T): T {
  for (const rule of Object.values(rules)) {
    Object.freeze(rule.localLengths);
    if (rule.mobileStartDigits !== undefined) Object.freeze(rule.mobileStartDigits);
    Object.freeze(rule);
  }
  return Object.freeze(rules);
}

/**
 * Phone rules by calling code (`'965'`, `'44'`, `'1'`): deep-frozen, read by
 * `normalizePhone`, `validatePhoneInput`, `validatePhoneFormat` and
 * `findCountryCode`. A number whose calling code is not here is not checked
 * beyond its length.
 *
 * @example
 * ```ts
 * import { phoneRules } from 'kwtsms';
 * phoneRules['965']; // { localLengths: [8], mobileStartDigits: ['4', '5', '6', '9'] }
 * phoneRules['1'];   // { localLengths: [10] }: USA/Canada, any first digit
 * ```
 */
export const phoneRules: Readonly<Record<string, PhoneRule>> = /* @__PURE__ */ freezeRules(RULES);

/**
 * Country names by calling code, as they appear in validation errors
 * (`'965'` -> `'Kuwait'`, `'44'` -> `'UK'`, `'1'` -> `'USA/Canada'`). Frozen.
 *
 * @example
 * ```ts
 * import { countryNames } from 'kwtsms';
 * countryNames['966']; // 'Saudi Arabia'
 * ```
 */
export const countryNames: Readonly<Record<string, string>> = /* @__PURE__ */ Object.freeze(NAMES);
