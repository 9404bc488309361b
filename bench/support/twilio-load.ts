import { monitorEventLoopDelay } from 'node:perf_hooks';
import autocannon from 'autocannon';
import twilio from 'twilio';

/** Unique customers and message sids across a whole bench run. */
export class CustomerSequence {
  /** `first`: the index to start at (a generator in another process continues the parent's sequence). */
  constructor(private next = 0) {}
  /** Reserves `count` customers for another process, returning the first one's index. */
  reserve(count: number): number {
    const first = this.next;
    this.next += count;
    return first;
  }
  take(): { index: number; from: string; messageSid: string } {
    const index = this.next++;
    return {
      index,
      from: `whatsapp:+5215${String(index).padStart(9, '0')}`,
      // A real sid's shape (SM + 32 hex): the webhook refuses anything else.
      messageSid: `SM${index.toString(16).padStart(32, '0')}`,
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
  /** Offered requests per second, over all lanes. */
  rate: number;
  seconds: number;
  /** autocannon instances (one connection each), started evenly over one second; more when the rate needs it. */
  lanes: number;
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
  /** autocannon instances used. */
  lanes: number;
  /** The load generator's own event-loop delay, p99 ms: high means the numbers are the generator's. */
  generatorLagP99Ms: number;
}

const TWILIO_NUMBER = 'whatsapp:+14155238886';

/** Requests a lane sends per second at most: at or below this, a lane's quota is a short run, not a burst. */
const MAX_LANE_RATE = 10;

/**
 * Offers a fixed rate of signed Twilio WhatsApp webhooks with autocannon: every request has its
 * own MessageSid and customer, and an X-Twilio-Signature computed with the twilio SDK over the
 * URL and the form, as Twilio would.
 *
 * autocannon's rate limit is a quota per connection per 1-second window, sent back-to-back when
 * the window opens, so one instance at 500 req/s sends 500 requests at once every second. To
 * spread the load over the second, it runs `lanes` instances of one connection each, started
 * 1/lanes s apart, each with an equal share of the rate.
 */
export async function offerTwilioLoad(settings: LoadSettings): Promise<LoadResult> {
  const customers: string[] = [];
  const latencies: number[] = [];
  const lag = monitorEventLoopDelay({ resolution: 5 });
  const path = new URL(settings.webhookUrl).pathname;
  const request = (): autocannon.Request => {
    const customer = settings.customers.take();
    customers.push(customer.from);
    const signed = signedWebhookForm(customer, settings.webhookUrl, settings);
    return {
      method: 'POST',
      path,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': signed.signature,
      },
      body: signed.body,
    };
  };
  const lanes = Math.max(settings.lanes, Math.ceil(settings.rate / MAX_LANE_RATE));
  const laneRates = Array.from(
    { length: lanes },
    (_, i) => Math.floor(settings.rate / lanes) + (i < settings.rate % lanes ? 1 : 0),
  ).filter((r) => r > 0);
  lag.enable();
  const results = await Promise.all(
    laneRates.map(async (rate, i) => {
      await new Promise((resolve) => setTimeout(resolve, (i * 1000) / laneRates.length));
      return autocannon({
        url: settings.webhookUrl,
        connections: 1,
        overallRate: rate,
        duration: settings.seconds,
        timeout: 10,
        requests: [{ setupRequest: () => request() }],
        setupClient: (client) => {
          client.on('response', (_status: number, _bytes: number, ms: number) => latencies.push(ms));
        },
      });
    }),
  );
  lag.disable();
  const sum = (pick: (result: autocannon.Result) => number) =>
    results.reduce((n, result) => n + pick(result), 0);
  return {
    customers,
    latencies,
    ok: sum((r) => r['2xx']),
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
    timeouts: sum((r) => r.timeouts),
    durationS: settings.seconds,
    lanes: laneRates.length,
    generatorLagP99Ms: lag.percentile(99) / 1e6,
  };
}

/** A customer's WhatsApp webhook form as Twilio posts it to `webhookUrl`, and its X-Twilio-Signature. */
export function signedWebhookForm(
  customer: { index: number; from: string; messageSid: string },
  webhookUrl: string,
  settings: { accountSid: string; authToken: string; messages: readonly string[] },
): { body: string; signature: string } {
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
    body: new URLSearchParams(params).toString(),
    signature: twilio.getExpectedTwilioSignature(settings.authToken, webhookUrl, params),
  };
}
