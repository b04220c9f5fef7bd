/**
 * The fake gateway on a local HTTP server that records when each send request arrives (the
 * moment the gateway would count it), and can answer chosen batches with an error instead.
 */
import { createServer, type Server } from 'node:http';
import { createFakeGateway, type FakeGateway } from '../../src/testing/index.js';

/** A send request as the gateway saw it. */
export interface Arrival {
  /** Arrival time, ms on this process's high-resolution clock. */
  at: number;
  /** When its answer was written. */
  answeredAt: number;
  numbers: string[];
  sender: string;
  /** The code answered, or 'OK'. */
  answer: string;
}

export interface RecordingGateway {
  url: string;
  fake: FakeGateway;
  arrivals: Arrival[];
  /** Answers `code` instead of the fake's answer, for a send whose numbers include `number`, `times` times. */
  fault(number: string, code: string, times?: number): void;
  /** Called as each send request arrives. */
  onArrival?: (arrival: Arrival) => void;
  close(): Promise<void>;
}

export const now = (): number => performance.timeOrigin + performance.now();

/** Starts the recording gateway. The fake's clock jumps a minute per call, so no number meets the 15-second rule. */
export async function startGateway(options: { latencyMs?: number; senderIds?: string[] } = {}): Promise<RecordingGateway> {
  let clock = Date.UTC(2026, 0, 1);
  const fake = createFakeGateway({
    balance: 1e9,
    latencyMs: options.latencyMs ?? 0,
    senderIds: options.senderIds ?? ['KWT-SMS'],
    now: () => (clock += 60_000),
  });
  const faults: { number: string; code: string; times: number }[] = [];
  const gateway: RecordingGateway = {
    url: '',
    fake,
    arrivals: [],
    fault: (number, code, times = Infinity) => void faults.push({ number, code, times }),
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
  const server: Server = createServer((request, response) => {
    const at = now();
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      void (async () => {
        const fields = JSON.parse(body || '{}') as Record<string, unknown>;
        const isSend = (request.url ?? '').includes('/send/');
        const numbers = typeof fields.mobile === 'string' ? fields.mobile.split(',') : [];
        const arrival: Arrival = { at, answeredAt: 0, numbers, sender: String(fields.sender ?? ''), answer: 'OK' };
        if (isSend) {
          gateway.arrivals.push(arrival);
          gateway.onArrival?.(arrival);
        }
        const fault = isSend ? faults.find((f) => f.times > 0 && numbers.includes(f.number)) : undefined;
        let status = 200;
        let text: string;
        if (fault) {
          fault.times--;
          arrival.answer = fault.code;
          if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));
          text = JSON.stringify({ result: 'ERROR', code: fault.code, description: `Staged ${fault.code}` });
        } else {
          const answer = await fake.fetch(`https://www.kwtsms.com${request.url ?? '/'}`, {
            method: request.method ?? 'POST',
            headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
            body,
          });
          status = answer.status;
          text = await answer.text();
          const parsed = JSON.parse(text) as { result?: string; code?: string };
          if (parsed.result !== 'OK') arrival.answer = parsed.code ?? 'ERROR';
        }
        arrival.answeredAt = now();
        response.writeHead(status, { 'Content-Type': 'application/json' });
        response.end(text);
      })().catch(() => request.socket.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  gateway.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/API/`;
  return gateway;
}

/** Gaps between consecutive arrivals, in arrival order. */
export function gaps(arrivals: readonly Arrival[]): number[] {
  const times = arrivals.map((a) => a.at).sort((a, b) => a - b);
  return times.slice(1).map((t, i) => t - (times[i] as number));
}

/** The median of a list of numbers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

/** `count` distinct valid Kuwait mobile numbers starting at `from`. */
export function numbers(count: number, from = 0): string[] {
  return Array.from({ length: count }, (_, i) => String(96590000000 + from + i));
}
