import { Agent, request } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { signedWebhookForm, type CustomerSequence } from './twilio-load.js';

export interface OpenLoopSettings {
  /** Webhook URLs of the fleet; requests go round-robin (a load balancer). Each is its server's public URL. */
  webhookUrls: readonly string[];
  authToken: string;
  accountSid: string;
  /** Requests per second over the whole fleet, sent on a fixed schedule. */
  rate: number;
  seconds: number;
  messages: readonly string[];
  customers: CustomerSequence;
}

export interface OpenLoopResult {
  /** Customers of every request sent, in order. */
  customers: string[];
  /**
   * Per request, ms from its scheduled send time to the end of its response: a server that
   * stalls makes every request scheduled meanwhile wait, and it counts (no coordinated omission).
   */
  latencies: number[];
  ok: number;
  non2xx: number;
  errors: number;
  durationS: number;
  /** How late requests left against their schedule, p99 ms: high means the generator, not the server, was slow. */
  sendLateP99Ms: number;
  generatorLagP99Ms: number;
}

/**
 * An open-loop load: request i leaves at start + i/rate whatever the answers so far, as Twilio
 * sends webhooks (closed-loop generators wait for answers and so lower the rate when the server
 * stalls). Requests are built and signed before the clock starts; keep-alive connections.
 */
export async function offerOpenLoop(settings: OpenLoopSettings): Promise<OpenLoopResult> {
  const total = Math.round(settings.rate * settings.seconds);
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const planned = Array.from({ length: total }, (_, i) => {
    const customer = settings.customers.take();
    const url = settings.webhookUrls[i % settings.webhookUrls.length]!;
    return { customer: customer.from, url: new URL(url), ...signedWebhookForm(customer, url, settings) };
  });
  const latencies: number[] = [];
  const late: number[] = [];
  let ok = 0;
  let non2xx = 0;
  let errors = 0;
  const lag = monitorEventLoopDelay({ resolution: 5 });
  lag.enable();
  const started = performance.now();
  const send = (i: number) =>
    new Promise<void>((resolve) => {
      const item = planned[i]!;
      const scheduled = started + (i * 1000) / settings.rate;
      late.push(performance.now() - scheduled);
      const req = request(
        item.url,
        {
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            'content-length': Buffer.byteLength(item.body),
            'x-twilio-signature': item.signature,
          },
          timeout: 20_000,
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            latencies.push(performance.now() - scheduled);
            if (res.statusCode && res.statusCode < 300) ok += 1;
            else non2xx += 1;
            resolve();
          });
        },
      );
      req.on('error', () => {
        errors += 1;
        resolve();
      });
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.end(item.body);
    });
  const inFlight: Promise<void>[] = [];
  let next = 0;
  while (next < total) {
    const due = Math.floor(((performance.now() - started) * settings.rate) / 1000) + 1;
    while (next < Math.min(due, total)) inFlight.push(send(next++));
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all(inFlight);
  lag.disable();
  agent.destroy();
  late.sort((a, b) => a - b);
  return {
    customers: planned.map((p) => p.customer),
    latencies,
    ok,
    non2xx,
    errors,
    durationS: settings.seconds,
    sendLateP99Ms: late[Math.min(late.length - 1, Math.floor(late.length * 0.99))] ?? 0,
    generatorLagP99Ms: lag.percentile(99) / 1e6,
  };
}
