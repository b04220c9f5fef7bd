/**
 * `kwtsms/bullmq`: many processes and machines share one send pace, transactional sends go ahead
 * of campaigns, and no batch is sent twice - on BullMQ and Redis. Node only; `bullmq` is a peer
 * dependency.
 *
 * @example
 * import { KwtSMS } from 'kwtsms';
 * import { createSmsQueue } from 'kwtsms/bullmq';
 *
 * const queue = createSmsQueue({ connection: { host: '127.0.0.1', port: 6379 } });
 * const worker = queue.createWorker(KwtSMS.fromEnv());
 * await queue.addCampaign({ id: 'sale-1', numbers: ['96598765432'], message: 'Sale today' });
 *
 * @module
 */

export { createSmsQueue } from './queue.js';
export type {
  CampaignFigures,
  CampaignInput,
  CampaignStatus,
  QueueSendOptions,
  SmsQueue,
  SmsQueueOptions,
  SmsSender,
  SmsWorker,
  SmsWorkerOptions,
} from './types.js';
