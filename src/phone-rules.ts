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

/**
 * The table as the TSV has it, one country a line, in the same order (the
 * Gulf, the rest of the Middle East and North Africa, South Asia, East and
 * Southeast Asia, Europe, the Americas, Sub-Saharan Africa, Oceania):
 * `calling code:country:allowed local lengths, comma-separated:mobile start
 * digits, one character each` (no last field: any first digit). Kept as text,
 * not as 81 object literals, because it is a third of the size in a bundle;
 * {@link phoneRules} and {@link countryNames} are decoded from it at import.
 */
const TABLE = `965:Kuwait:8:4569
966:Saudi Arabia:9:5
971:UAE:9:5
973:Bahrain:8:36
974:Qatar:8:3567
968:Oman:8:79
962:Jordan:9:7
961:Lebanon:7,8:378
970:Palestine:9:5
964:Iraq:10:7
963:Syria:9:9
967:Yemen:9:7
20:Egypt:10:1
218:Libya:9:9
216:Tunisia:8:2459
212:Morocco:9:67
213:Algeria:9:567
249:Sudan:9:9
98:Iran:10:9
90:Turkey:10:5
972:Israel:9:5
91:India:10:6789
92:Pakistan:10:3
880:Bangladesh:10:1
94:Sri Lanka:9:7
960:Maldives:7:79
86:China:11:1
81:Japan:10:789
82:South Korea:10:1
886:Taiwan:9:9
65:Singapore:8:89
60:Malaysia:9,10:1
62:Indonesia:9,10,11,12:8
63:Philippines:10:9
66:Thailand:9:689
84:Vietnam:9:35789
95:Myanmar:9:9
855:Cambodia:8,9:16789
976:Mongolia:8:689
44:UK:10:7
33:France:9:67
49:Germany:10,11:1
39:Italy:10:3
34:Spain:9:67
31:Netherlands:9:6
32:Belgium:9
41:Switzerland:9:7
43:Austria:10:6
47:Norway:8:49
48:Poland:9
30:Greece:10:6
420:Czech Republic:9:67
46:Sweden:9:7
45:Denmark:8
40:Romania:9:7
36:Hungary:9
380:Ukraine:9
1:USA/Canada:10
52:Mexico:10
55:Brazil:11
57:Colombia:10:3
54:Argentina:10:9
56:Chile:9:9
58:Venezuela:10:4
51:Peru:9:9
593:Ecuador:9:9
53:Cuba:8:56
27:South Africa:9:678
234:Nigeria:10:789
254:Kenya:9:17
233:Ghana:9:25
251:Ethiopia:9:79
255:Tanzania:9:67
256:Uganda:9:7
237:Cameroon:9:6
225:Ivory Coast:10
221:Senegal:9:7
252:Somalia:9:67
250:Rwanda:9:7
61:Australia:9:4
64:New Zealand:8,9,10:2`;

/** Decodes {@link TABLE} into a frozen object: calling code -> `value(fields)`. */
function decode<T>(value: (fields: string[]) => T): Readonly<Record<string, T>> {
  const table: Record<string, T> = {};
  for (const line of TABLE.split('\n')) {
    const fields = line.split(':');
    table[fields[0] ?? ''] = value(fields);
  }
  return Object.freeze(table);
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
export const phoneRules: Readonly<Record<string, PhoneRule>> = /* @__PURE__ */ decode(([, , lengths = '', starts]) => {
  const localLengths = Object.freeze(lengths.split(',').map(Number));
  return Object.freeze(starts ? { localLengths, mobileStartDigits: Object.freeze([...starts]) } : { localLengths });
});

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
export const countryNames: Readonly<Record<string, string>> = /* @__PURE__ */ decode((fields) => fields[1] ?? '');
