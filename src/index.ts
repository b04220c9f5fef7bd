/**
 * kwtsms: the kwtSMS SMS gateway client for Node, Deno, Bun, Cloudflare Workers and browsers.
 * Every public name is listed here; nothing else is part of the API.
 *
 * @example
 * import { KwtSMS, normalizePhone, cleanMessage, messageInfo } from 'kwtsms';
 * @packageDocumentation
 */
export { KwtSMS, DEFAULT_BASE_URL, DEFAULT_SENDER_ID } from './client.js';
export {
  normalizePhone,
  validatePhoneInput,
  findCountryCode,
  validatePhoneFormat,
  deduplicatePhones,
  maskPhone,
} from './phone.js';
export { phoneRules, countryNames } from './phone-rules.js';
export { cleanMessage, messageInfo, MAX_PAGES } from './message.js';
export { apiErrors, enrichError } from './errors.js';
// Public: the .env reader fromEnv uses, for settings of the app's own and for runtimes without files.
export { loadEnvFile, parseEnv } from './env.js';
export { prepareRecipients, splitNumbers } from './recipients.js';
// Public: a list split at the gateway's limit, for apps that queue one job per batch themselves.
export { chunk, MAX_BATCH_SIZE } from './batch.js';
export { memoryJournal } from './journal.js';
export { fileJournal } from './journal-file.js';

export type { PhoneRule } from './phone-rules.js';
export type { PhoneRules, NormalizePhoneOptions, PhoneInputResult, PhoneFormatResult } from './phone.js';
export type { MessageInfo } from './message.js';
export type { ErrorCode, KnownErrorCode } from './errors.js';
export type { EnvSource } from './env.js';
export type { Recipients } from './recipients.js';
export type {
  BulkJournal,
  JournalAccepted,
  JournalBegin,
  JournalFailed,
  JournalPlan,
  JournalRecord,
  MemoryJournal,
} from './journal.js';
export type {
  BatchError,
  BulkProgress,
  CallOptions,
  CoverageResult,
  DeliveryReportEntry,
  DeliveryReportResult,
  ErrorFields,
  InvalidEntry,
  KwtSMSOptions,
  LogEntry,
  ResultStatus,
  SendBulkOptions,
  SendOptions,
  SendResult,
  SenderIdResult,
  StatusResult,
  ValidateResult,
  VerifyResult,
} from './types.js';
