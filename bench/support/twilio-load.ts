import { monitorEventLoopDelay } from 'node:perf_hooks';
import autocannon from 'autocannon';
import twilio from 'twilio';

/** Unique customers and message sids across a whole bench run. */
export class CustomerSequence {
  private next = 0;
  take(): { index: number; from: string; messageSid: string } {
    const index = this.next++;
    return {
      index,
      from: `whatsapp:+5215${String(index).padStart(9, '0')}`,
      messageSid: `SMbench${String(index).padStart(26, '0')}`,
    };
  }
  get count(): number {
    return this.next;
  }
}

export interface LoadSettings {
  webhookUrl: string;
  authToken: string;
  accountSid: string;
  /** Offered requests per second, over all connections. */
  rate: number;
  seconds: number;
  connections: number;
  /** Customer messages, used round-robin. */
  messages: readonly string[];
  customers: CustomerSequence;
}

export interface LoadResult {
  /** Customers (From addresses) of every request built, in order. */
  customers: string[];
  /** Latency of each response, ms (as measured per request, no correction). */
  latencies: number[];
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  durationS: number;
  /** The load generator's own event-loop delay, p99 ms: high means the numbers are the generator's. */
  generatorLagP99Ms: number;
}

const TWILIO_NUMBER = 'whatsapp:+14155238886';

/**
 * Offers a fixed rate of signed Twilio WhatsApp webhooks with autocannon: every request has its
 * own MessageSid and customer, and an X-Twilio-Signature computed with the twilio SDK over the
 * URL and the form, as Twilio would.
 */
export async function offerTwilioLoad(settings: LoadSettings): Promise<LoadResult> {
  const customers: string[] = [];
  const latencies: number[] = [];
  const lag = monitorEventLoopDelay({ resolution: 5 });
  const request = (): autocannon.Request => {
    const customer = settings.customers.take();
    customers.push(customer.from);
    const params: Record<string, string> = {
      SmsMessageSid: customer.messageSid,
      MessageSid: customer.messageSid,
      AccountSid: settings.accountSid,
      From: customer.from,
      To: TWILIO_NUMBER,
      Body: settings.messages[customer.index % settings.messages.length]!,
      NumMedia: '0',
      ProfileName: 'Cliente Bench',
      WaId: customer.from.replace(/\D/g, ''),
    };
    return {
      method: 'POST',
      path: new URL(settings.webhookUrl).pathname,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': twilio.getExpectedTwilioSignature(settings.authToken, settings.webhookUrl, params),
      },
      body: new URLSearchParams(params).toString(),
    };
  };
  lag.enable();
  const result = await autocannon({
    url: settings.webhookUrl,
    connections: settings.connections,
    overallRate: settings.rate,
    duration: settings.seconds,
    timeout: 10,
    requests: [{ setupRequest: () => request() }],
    setupClient: (client) => {
      client.on('response', (_status: number, _bytes: number, ms: number) => latencies.push(ms));
    },
  });
  lag.disable();
  return {
    customers,
    latencies,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    durationS: result.duration,
    generatorLagP99Ms: lag.percentile(99) / 1e6,
  };
}
