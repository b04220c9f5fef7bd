/**
 * `kwtsms/otp`: one-time codes done right. Codes from `crypto.getRandomValues`
 * without modulo bias, stored only as HMAC-SHA-256 hashes, every store
 * operation atomic, resend cooldown, rate limits per number and per IP, attempts
 * per code. Zero dependencies; every runtime the package runs in.
 *
 * @example
 * import { KwtSMS } from 'kwtsms';
 * import { createOtp, memoryOtpStore } from 'kwtsms/otp';
 *
 * const otp = createOtp({ sms: KwtSMS.fromEnv(), secret: process.env.OTP_SECRET!, store: memoryOtpStore(), appName: 'MYAPP' });
 * await otp.send({ phone: '+965 9876 5432', ip: '203.0.113.7' });
 * const { result } = await otp.verify({ phone: '+965 9876 5432', code: '123456' });
 *
 * @module
 */
export { createOtp } from './otp.js';
export { memoryOtpStore } from './memory-store.js';
export { redisOtpStore } from './redis-store.js';
export { otpStoreConformance } from './conformance.js';
export { OTP_DEFAULTS } from './options.js';

export type { Otp, OtpSendRequest, OtpVerifyRequest } from './otp.js';
export type { OtpLimits, OtpMessageParts, OtpOptions, OtpSender } from './options.js';
export type { OtpError, OtpSendResult, OtpVerifyResult } from './results.js';
export type {
  OtpCheckRequest,
  OtpCheckResult,
  OtpIssueRequest,
  OtpIssueResult,
  OtpStore,
  OtpWindow,
  OtpWithdrawRequest,
} from './store.js';
export type { MemoryOtpStoreOptions } from './memory-store.js';
export type { RedisOtpStoreOptions, RedisRun } from './redis-store.js';
export type { ConformanceOptions } from './conformance.js';
