/**
 * Placeholders README.md code blocks may use without declaring them, as documentation does
 * ("given a client `sms` and a list `numbers`..."). A global script (no import or export), so every
 * block sees these; a block that declares the same name itself simply shadows it.
 * Add a name here when the README needs a new one; keep the types honest, not `any`.
 */

/** A client, as from `KwtSMS.fromEnv()`. */
declare const sms: import('kwtsms').KwtSMS;
/** Phone numbers, in any format. */
declare const numbers: string[];
declare const phones: string[];
/** One phone number, as a user typed it. */
declare const phone: string;
declare const userInput: string;
/** A message id saved from a send result. */
declare const msgId: string;
/** A message text. */
declare const message: string;
/** Bindings or variables, as on Workers and Deno (fits `KwtSMS.fromEnv({ env })`). */
declare const env: Record<string, string | undefined>;
/** Your persistence. */
declare function save(...args: unknown[]): void;
declare const db: {
  save(key: string, value: unknown): void | Promise<void>;
  get(key: string): unknown;
};
/** Your logging and alerting. */
declare const logger: { info(...args: unknown[]): void; warn(...args: unknown[]): void; error(...args: unknown[]): void };
declare function alertAdmin(...args: unknown[]): void;
