import { join } from 'node:path';
import { FALLBACK_REPLY } from '../../src/serve/inbound-message.js';
import { BenchUnavailableError, type Bench, type BenchContext } from '../harness/bench.js';
import { target, type BenchOutcome } from '../harness/report.js';
import { fmt, percentile, round } from '../harness/stats.js';
import { startFakeTwilioRest, type FakeTwilioRest } from '../support/fake-twilio-rest.js';
import { loadGoldenCases } from '../support/golden-turns.js';
import { metricValue, scrape } from '../support/prometheus.js';
import { spawnScriptedOpenAIServer } from '../support/scripted-openai-process.js';
import { startServeChild, type ServeChild } from '../support/serve-process.js';
import { CustomerSequence, offerTwilioLoad, type LoadResult } from '../support/twilio-load.js';

const ACCOUNT_SID = `AC${'be'.repeat(16)}`;
const AUTH_TOKEN = 'bench-auth-token-0123456789abcdef';
const TARGET = { rate: 500, p99Ms: 50 };
/** Workers in the server: the most `kavak serve --concurrency` allows. */
const SERVE_CONCURRENCY = 64;
const CONNECTIONS = 50;
const WARM_UP = { rate: 50, seconds: 3 };
const POLL_MS = 250;

interface RateRun {
  rate: number;
  load: LoadResult;
  backlogAtEnd: number;
  drainMs: number | null;
  drainedMessages: number;
  check: ExactlyOnce;
}

interface ExactlyOnce {
  accepted: number;
  replied: number;
  missing: number;
  duplicated: number;
  fallbacks: number;
  pass: boolean;
}

async function serveModule(): Promise<void> {
  try {
    await import('../../src/cli/commands/serve.js');
  } catch (error) {
    throw new BenchUnavailableError(`kavak serve (src/cli/commands/serve.ts, src/serve/) does not load: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Waits until the server's queue is empty and every accepted customer got a reply; null after `capMs`. */
async function drain(server: ServeChild, twilio: FakeTwilioRest, customers: readonly string[], capMs: number): Promise<number | null> {
  const started = performance.now();
  while (performance.now() - started < capMs) {
    const depth = metricValue(await scrape(server.url), 'kavak_queue_depth');
    if (depth === 0 && customers.every((c) => twilio.sent.has(c))) return performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return null;
}

/** Every accepted customer got exactly one reply (its parts, each once); none got the fallback. */
function exactlyOnce(twilio: FakeTwilioRest, customers: readonly string[], accepted: number): ExactlyOnce {
  let replied = 0;
  let duplicated = 0;
  let fallbacks = 0;
  for (const customer of customers) {
    const bodies = twilio.sent.get(customer);
    if (!bodies) continue;
    replied += 1;
    duplicated += bodies.length - new Set(bodies).size;
    fallbacks += bodies.filter((b) => b === FALLBACK_REPLY).length;
  }
  const missing = accepted - replied;
  return { accepted, replied, missing, duplicated, fallbacks, pass: missing === 0 && duplicated === 0 && fallbacks === 0 && twilio.refused() === 0 };
}

async function runRate(ctx: BenchContext, rate: number, messages: string[], modelUrl: string, twilio: FakeTwilioRest, sequence: CustomerSequence): Promise<RateRun> {
  const server = await startServeChild(
    { runtime: 'openai', baseUrl: modelUrl, db: join(ctx.workDir, `serve-${rate}.db`), reply: 'rest', concurrency: SERVE_CONCURRENCY, modelRpm: 0 },
    { TWILIO_ACCOUNT_SID: ACCOUNT_SID, TWILIO_AUTH_TOKEN: AUTH_TOKEN, KAVAK_TWILIO_API_URL: twilio.url, KAVAK_LOG_LEVEL: 'info' },
    join(ctx.workDir, `serve-${rate}.log`),
  );
  const webhookUrl = `${server.url}/twilio/whatsapp`;
  const settings = { webhookUrl, authToken: AUTH_TOKEN, accountSid: ACCOUNT_SID, connections: CONNECTIONS, messages, customers: sequence };
  try {
    // Warm-up (JIT, SQLite, the scripted model's answer cache), drained before the measured load.
    const warm = await offerTwilioLoad({ ...settings, ...WARM_UP });
    await drain(server, twilio, warm.customers, 60_000);
    const before = metricValue(await scrape(server.url), 'kavak_webhook_requests_total', { outcome: 'accepted' });
    ctx.log(`webhook: ${rate} req/s for ${ctx.options.webhookSeconds} s`);
    const load = await offerTwilioLoad({ ...settings, rate, seconds: ctx.options.webhookSeconds });
    const metrics = await scrape(server.url);
    const backlogAtEnd = metricValue(metrics, 'kavak_queue_depth');
    const accepted = metricValue(metrics, 'kavak_webhook_requests_total', { outcome: 'accepted' }) - before;
    const capMs = ctx.options.webhookDrainCapSeconds * 1000;
    ctx.log(`webhook: ${rate} req/s: ${load.ok} acked, ${backlogAtEnd} queued at the end; draining (at most ${capMs / 1000} s)`);
    const drainMs = await drain(server, twilio, load.customers, capMs);
    const drainedMessages = backlogAtEnd - metricValue(await scrape(server.url), 'kavak_queue_depth');
    const check = exactlyOnce(twilio, load.customers, accepted);
    ctx.log(`webhook: ${rate} req/s: drain ${drainMs === null ? 'cut short' : `${fmt(drainMs / 1000)} s`}, ${check.replied}/${check.accepted} replied`);
    return { rate, load, backlogAtEnd, drainMs, drainedMessages, check };
  } finally {
    await server.stop();
  }
}

export const webhookBench: Bench = {
  name: 'webhook',
  title: 'Webhook: Twilio acknowledgement latency and throughput at fixed offered loads, then the queue drain',
  async run(ctx): Promise<BenchOutcome> {
    await serveModule();
    const messages = [...new Set((await loadGoldenCases()).map((c) => c.turns[0]!.user))];
    const model = await spawnScriptedOpenAIServer({ delayMs: ctx.options.modelDelayMs });
    const twilio = await startFakeTwilioRest({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
    const sequence = new CustomerSequence();
    const runs: RateRun[] = [];
    try {
      for (const rate of ctx.options.webhookRates) runs.push(await runRate(ctx, rate, messages, model.url, twilio, sequence));
    } finally {
      await twilio.close();
      await model.close();
    }
    const figures: Record<string, number> = { seconds: ctx.options.webhookSeconds, modelDelayMs: ctx.options.modelDelayMs, serveConcurrency: SERVE_CONCURRENCY };
    for (const run of runs) {
      const k = `rate${run.rate}`;
      figures[`${k}.ackP50Ms`] = round(percentile(run.load.latencies, 50), 2);
      figures[`${k}.ackP99Ms`] = round(percentile(run.load.latencies, 99), 2);
      figures[`${k}.ackP99CorrectedMs`] = round(run.load.correctedP99Ms, 2);
      figures[`${k}.achievedRps`] = round(run.load.ok / run.load.durationS, 1);
      figures[`${k}.non2xx`] = run.load.non2xx;
      figures[`${k}.errors`] = run.load.errors + run.load.timeouts;
      figures[`${k}.backlogAtEnd`] = run.backlogAtEnd;
      if (run.drainMs !== null) figures[`${k}.drainMs`] = Math.round(run.drainMs);
      figures[`${k}.replied`] = run.check.replied;
      figures[`${k}.missing`] = run.check.missing;
      figures[`${k}.duplicated`] = run.check.duplicated;
      figures[`${k}.generatorLagP99Ms`] = round(run.load.generatorLagP99Ms, 2);
    }
    const atTarget = runs.find((run) => run.rate === TARGET.rate);
    return {
      figures,
      targets: [
        target(`p99 ack at ${TARGET.rate} req/s`, atTarget ? round(percentile(atTarget.load.latencies, 99), 2) : null, '<', TARGET.p99Ms, 'ms'),
        ...runs.map((run) => target(`replied exactly once at ${run.rate} req/s (missing + duplicated + fallbacks)`, run.drainMs === null ? null : run.check.missing + run.check.duplicated + run.check.fallbacks, '<=', 0, 'messages')),
      ],
      tables: [
        {
          title: `Acknowledgement (POST /twilio/whatsapp → 200, signatures checked, --reply rest), ${ctx.options.webhookSeconds} s per load, model answering after ${ctx.options.modelDelayMs} ms`,
          head: ['offered req/s', 'achieved req/s', 'p50 ms', 'p99 ms', 'p99 ms (CO-corrected)', 'non-2xx', 'errors', 'generator lag p99 ms'],
          rows: runs.map((run) => [
            String(run.rate),
            fmt(run.load.ok / run.load.durationS, 1),
            fmt(percentile(run.load.latencies, 50)),
            fmt(percentile(run.load.latencies, 99)),
            fmt(run.load.correctedP99Ms),
            String(run.load.non2xx),
            String(run.load.errors + run.load.timeouts),
            fmt(run.load.generatorLagP99Ms),
          ]),
        },
        {
          title: `Queue drain after the load (kavak serve --concurrency ${SERVE_CONCURRENCY} --model-rpm 0), replies counted at the fake Twilio REST API`,
          head: ['offered req/s', 'accepted', 'queued at end of load', 'drain s', 'drain msg/s', 'replied', 'missing', 'duplicated', 'fallbacks'],
          rows: runs.map((run) => [
            String(run.rate),
            String(run.check.accepted),
            String(run.backlogAtEnd),
            run.drainMs === null ? `> ${ctx.options.webhookDrainCapSeconds} (cut)` : fmt(run.drainMs / 1000),
            run.drainMs === null ? fmt(run.drainedMessages / ctx.options.webhookDrainCapSeconds, 1) : run.drainMs > 0 ? fmt(run.backlogAtEnd / (run.drainMs / 1000), 1) : '—',
            String(run.check.replied),
            String(run.check.missing),
            String(run.check.duplicated),
            String(run.check.fallbacks),
          ]),
        },
      ],
      notes: [
        `kavak serve (serveCommand, in its own process, fresh SQLite file per load, info logs to a file) on the openai runtime against the scripted server (its own process) and the twilio SDK pointed at a fake Twilio REST API (KAVAK_TWILIO_API_URL). Each load starts after a ${WARM_UP.seconds} s warm-up at ${WARM_UP.rate} req/s that is drained first.`,
        `autocannon, ${CONNECTIONS} keep-alive connections, overallRate = offered req/s; every request has its own MessageSid and customer (so the queue can run ${SERVE_CONCURRENCY} at once) and an X-Twilio-Signature from twilio.getExpectedTwilioSignature over the URL and form. p50/p99 are per request as measured; the CO-corrected p99 is autocannon's, which adds the requests a stalled server kept it from sending.`,
        `Drain: from the end of the load until /metrics shows an empty queue and every accepted customer has a reply at the fake Twilio, polled every ${POLL_MS} ms, cut after ${ctx.options.webhookDrainCapSeconds} s. Exactly once: each customer's replies are distinct bodies (a long reply's parts), none is the fallback, none missing.`,
      ],
    };
  },
};
