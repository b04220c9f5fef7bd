/** Types for the seeded bench corpus in corpus.mjs, so that TypeScript tests can share it. */
type Rules = Readonly<Record<string, { localLengths: readonly number[]; mobileStartDigits?: readonly string[] }>>;

/** `count` phone inputs in every real format, about 10 % repeats; none holds ',', ';' or a newline. */
export function generatePhones(count: number, seed: number, rules: Rules): string[];
/** `count` distinct, valid, normalized Kuwait mobile numbers. */
export function generateKuwaitNumbers(count: number, seed: number): string[];
/** `count` messages: English, Arabic, Persian, mixes, with emoji, HTML, hidden and bidi characters. */
export function generateMessages(count: number, seed: number): string[];
/** How many messages, and their average length in UTF-16 units. */
export function describeMessages(messages: readonly string[]): { count: number; averageUnits: number };
