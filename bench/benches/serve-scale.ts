import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { BenchUnavailableError, type Bench, type BenchContext } from '../harness/bench.js';
import { ResultsFileSchema, target, type BenchOutcome } from '../harness/report.js';
import { fmt, percentile, round } from '../harness/stats.js';
import { benchPostgres, type BenchPostgres } from '../support/bench-postgres.js';
import { startFakeTwilioRest, type FakeTwilioRest } from '../support/fake-twilio-rest.js';
import { loadGoldenCases } from '../support/golden-turns.js';
import { REPO } from '../support/node-child.js';
import { offerOpenLoop, type OpenLoopResult } from '../support/open-loop-load.js';
import { offerOpenLoopInChild } from '../support/open-loop-process.js';
import { parentPid, postgresCpuSeconds, processCpuSeconds } from '../support/process-cpu.js';
import { measureQueueOverhead, type QueueOverhead } from '../support/queue-overhead.js';
import { spawnScriptedOpenAIServer } from '../support/scripted-openai-process.js';
import { startServeChild, type ServeChild } from '../support/serve-process.js';
import { CustomerSequence } from '../support/twilio-load.js';

const ACCOUNT_SID = `AC${'5c'.repeat(16)}`;
const AUTH_TOKEN = 'bench-auth-token-scale-0123456789';
/** Turns at once per replica: few enough that one replica is bound by the model's latency, not the CPU. */
const CONCURRENCY = 8;
const TARGETS = { scaleUp: 2.5, ackRate: 500, ackP99Ms: 50 };
/**
 * The ack load first runs this long unmeasured: replicas that have answered five messages still
 * compile their webhook path (V8 optimises a function after many calls, on the same two cores)
 * and open connections. Its p99 is reported beside the measured one.
 */
const ACK_WARM_UP_SECONDS = 2;
/** The rate the throughput runs store their backlog at (well above what the fleet answers). */
const FILL_RATE = 200;

type Engine = 'postgres' | 'sqlite';

interface Fleet {
  engine: Engine;
  replicas: ServeChild[];
  webhookUrls: string[];
  stop(): Promise<void>;
}

interface Throughput {
  engine: Engine;
  replicas: number;
  messages: number;
  seconds: number;
  perSecond: number;
  missing: number;
  duplicated: number;
}

/** CPU used during an ack load, ms per webhook request sent (workers' turns meanwhile included). */
interface AckCpu {
  replicasMsPerAck: number;
  postgresMsPerAck: number;
  generatorMsPerAck: number;
}

interface AckRun {
  engine: Engine;
  replicas: number;
  /** The same load for ACK_WARM_UP_SECONDS before the measured one: cold processes (JIT, connections). */
  warmUp: OpenLoopResult;
  load: OpenLoopResult;
  cpu: AckCpu | null;
}

interface Env {
  ctx: BenchContext;
  modelUrl: string;
  twilio: FakeTwilioRest;
  messages: string[];
  customers: CustomerSequence;
  postgres: BenchPostgres;
}

async function startFleet(env: Env, engine: Engine, count: number, name: string): Promise<Fleet> {
  const db =
    engine === 'postgres' ? await env.postgres.freshDatabase(name) : join(env.ctx.workDir, `${name}.db`);
  const replicas: ServeChild[] = [];
  const stop = async () => {
    await Promise.all(replicas.map((replica) => replica.stop()));
  };
  try {
    // One after another: the first creates the tables (and pg-boss's schema).
    for (let i = 0; i < count; i++)
      replicas.push(
        await startServeChild(
          {
            runtime: 'openai',
            baseUrl: env.modelUrl,
            db,
            reply: 'rest',
            concurrency: CONCURRENCY,
            modelRpm: 0,
          },
          {
            TWILIO_ACCOUNT_SID: ACCOUNT_SID,
            TWILIO_AUTH_TOKEN: AUTH_TOKEN,
            KAVAK_TWILIO_API_URL: env.twilio.url,
            KAVAK_LOG_LEVEL: 'warn',
          },
          join(env.ctx.workDir, `${name}-${i}.log`),
        ),
      );
  } catch (error) {
    await stop();
    throw error;
  }
  return { engine, replicas, webhookUrls: replicas.map((r) => `${r.url}/twilio/whatsapp`), stop };
}

/** Until every customer has a reply at the fake Twilio; null past `capMs`. */
async function allReplied(
  twilio: FakeTwilioRest,
  customers: readonly string[],
  capMs: number,
): Promise<number | null> {
  const started = performance.now();
  while (performance.now() - started < capMs) {
    if (customers.every((c) => twilio.sent.has(c))) return performance.now();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return null;
}

/** A backlog of messages spread over the fleet, timed from the first send to the last reply. */
async function throughput(env: Env, fleet: Fleet, perReplica: number): Promise<Throughput> {
  const total = perReplica * fleet.replicas.length;
  env.ctx.log(`serve-scale: ${total} messages over ${fleet.replicas.length} ${fleet.engine} replica(s)`);
  const started = performance.now();
  const load = await offerOpenLoop({
    webhookUrls: fleet.webhookUrls,
    authToken: AUTH_TOKEN,
    accountSid: ACCOUNT_SID,
    rate: FILL_RATE,
    seconds: total / FILL_RATE,
    messages: env.messages,
    customers: env.customers,
  });
  const done = await allReplied(env.twilio, load.customers, 300_000);
  const seconds = ((done ?? performance.now()) - started) / 1000;
  let missing = 0;
  let duplicated = 0;
  for (const customer of load.customers) {
    const bodies = env.twilio.sent.get(customer);
    if (!bodies) missing += 1;
    else duplicated += bodies.length - new Set(bodies).size;
  }
  const perSecond = (total - missing) / seconds;
  env.ctx.log(`serve-scale: ${fmt(perSecond, 1)} msg/s, ${missing} missing, ${duplicated} duplicated`);
  return {
    engine: fleet.engine,
    replicas: fleet.replicas.length,
    messages: total,
    seconds,
    perSecond,
    missing,
    duplicated,
  };
}

/** The postmaster's pid, from a backend's parent (the server may be one this bench did not start). */
async function postmasterPid(url: string): Promise<number | undefined> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const backend = result.rows[0]?.pid;
    return backend === undefined ? undefined : parentPid(backend);
  } finally {
    await client.end();
  }
}

async function ackLoad(env: Env, fleet: Fleet): Promise<AckRun> {
  const seconds = env.ctx.options.scaleSeconds;
  env.ctx.log(
    `serve-scale: ${TARGETS.ackRate} req/s for ${seconds} s over ${fleet.replicas.length} ${fleet.engine} replica(s)`,
  );
  const postmaster = fleet.engine === 'postgres' ? await postmasterPid(env.postgres.url) : undefined;
  const pids = fleet.replicas.flatMap((r) => (r.child.pid === undefined ? [] : [r.child.pid]));
  const cpuNow = () => ({
    replicas: pids.reduce((sum, pid) => sum + processCpuSeconds(pid), 0),
    postgres: postmaster === undefined ? 0 : postgresCpuSeconds(postmaster),
  });
  // The generator runs in its own process: this one serves the fake Twilio the workers send to.
  // CPU is read around the whole child (warm-up included), so per-ack figures cover both phases.
  const before = cpuNow();
  const { warmUp, load, generatorCpuMs } = await offerOpenLoopInChild(
    {
      webhookUrls: fleet.webhookUrls,
      authToken: AUTH_TOKEN,
      accountSid: ACCOUNT_SID,
      rate: TARGETS.ackRate,
      seconds,
      messages: env.messages,
      customers: env.customers,
    },
    ACK_WARM_UP_SECONDS,
  );
  const after = cpuNow();
  const sent = load.latencies.length + load.errors;
  const sentAll = sent + warmUp.latencies.length + warmUp.errors;
  const cpu: AckCpu | null =
    sent === 0 || pids.length === 0
      ? null
      : {
          replicasMsPerAck: ((after.replicas - before.replicas) * 1000) / sentAll,
          postgresMsPerAck: ((after.postgres - before.postgres) * 1000) / sentAll,
          generatorMsPerAck: generatorCpuMs / sent,
        };
  env.ctx.log(
    `serve-scale: ack p50 ${fmt(percentile(load.latencies, 50))} ms, p99 ${fmt(percentile(load.latencies, 99))} ms, ${load.non2xx} non-2xx, ${load.errors} errors` +
      (cpu
        ? `; CPU ms per ack: replicas ${fmt(cpu.replicasMsPerAck, 2)}, postgres ${fmt(cpu.postgresMsPerAck, 2)}, generator ${fmt(cpu.generatorMsPerAck, 2)}`
        : ''),
  );
  return { engine: fleet.engine, replicas: fleet.replicas.length, warmUp, load, cpu };
}

/** The existing webhook bench's p99 at 500 req/s (one SQLite replica), to compare against. */
function storedWebhookP99(): number | undefined {
  try {
    const file = ResultsFileSchema.parse(JSON.parse(readFileSync(join(REPO, 'bench/results.json'), 'utf8')));
    return file.benches.webhook?.figures[`rate${TARGETS.ackRate}.ackP99Ms`];
  } catch {
    return undefined;
  }
}

async function serveModule(): Promise<void> {
  try {
    await import('../../src/cli/commands/serve.js');
    await import('pg');
  } catch (error) {
    throw new BenchUnavailableError(
      `kavak serve or pg does not load: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

export const serveScaleBench: Bench = {
  name: 'serve-scale',
  title:
    'kavak serve at scale: replicas on one PostgreSQL, throughput, fleet ack latency, queue overhead; SQLite beside it',
  async run(ctx): Promise<BenchOutcome> {
    await serveModule();
    const postgres = await benchPostgres(ctx.log);
    const messages = [...new Set((await loadGoldenCases()).map((c) => c.turns[0]!.user))];
    const model = await spawnScriptedOpenAIServer({ delayMs: ctx.options.modelDelayMs });
    const twilio = await startFakeTwilioRest({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
    const env: Env = {
      ctx,
      modelUrl: model.url,
      twilio,
      messages,
      customers: new CustomerSequence(),
      postgres,
    };
    const perReplica = ctx.options.scaleMessagesPerReplica;
    const runs: Throughput[] = [];
    const acks: AckRun[] = [];
    const ackOnly = ctx.options.scaleAckOnly === true;
    const overhead: QueueOverhead[] = [];
    try {
      const fleets = ackOnly
        ? ([['postgres', 3]] as const)
        : ([
            ['sqlite', 1],
            ['postgres', 1],
            ['postgres', 3],
          ] as const);
      for (const [engine, count] of fleets) {
        const fleet = await startFleet(env, engine, count, `${engine}-${count}`);
        try {
          // A short warm-up (JIT, connections, the scripted model's cache), answered before measuring.
          await throughput(env, fleet, 5);
          if (!ackOnly) runs.push(await throughput(env, fleet, perReplica));
          if (engine === 'sqlite' || count === 3) acks.push(await ackLoad(env, fleet));
        } finally {
          await fleet.stop();
        }
      }
      if (!ackOnly) await queueOverhead();
    } finally {
      await twilio.close();
      await model.close();
      await postgres.stop();
    }

    async function queueOverhead(): Promise<void> {
      ctx.log('serve-scale: queue overhead per message (adapters in this process, no model, no HTTP)');
      overhead.push(
        await measureQueueOverhead('postgres', {
          url: await postgres.freshDatabase('overhead'),
          messages: perReplica * 2,
        }),
      );
      overhead.push(
        await measureQueueOverhead('sqlite', {
          url: join(ctx.workDir, 'overhead.db'),
          messages: perReplica * 2,
        }),
      );
    }

    const find = (engine: Engine, replicas: number) =>
      runs.find((r) => r.engine === engine && r.replicas === replicas);
    const pg1 = find('postgres', 1);
    const pg3 = find('postgres', 3);
    const scaleUp = pg1 && pg3 ? pg3.perSecond / pg1.perSecond : null;
    const fleetAck = acks.find((a) => a.engine === 'postgres');
    const sqliteAck = acks.find((a) => a.engine === 'sqlite');
    const p99 = (load: OpenLoopResult | undefined) =>
      load ? round(percentile(load.latencies, 99), 2) : null;
    const stored = storedWebhookP99();

    const figures: Record<string, number> = {
      modelDelayMs: ctx.options.modelDelayMs,
      concurrencyPerReplica: CONCURRENCY,
      messagesPerReplica: perReplica,
      ackSeconds: ctx.options.scaleSeconds,
    };
    for (const run of runs) {
      const k = `${run.engine}${run.replicas}`;
      figures[`${k}.msgPerS`] = round(run.perSecond, 2);
      figures[`${k}.missing`] = run.missing;
      figures[`${k}.duplicated`] = run.duplicated;
    }
    if (scaleUp !== null) figures['postgres.scaleUp3'] = round(scaleUp, 2);
    for (const { engine, replicas, warmUp, load, cpu } of acks) {
      const k = `${engine}${replicas}.ack${TARGETS.ackRate}`;
      if (cpu) {
        figures[`${k}.replicasCpuMsPerAck`] = round(cpu.replicasMsPerAck, 3);
        figures[`${k}.postgresCpuMsPerAck`] = round(cpu.postgresMsPerAck, 3);
        figures[`${k}.generatorCpuMsPerAck`] = round(cpu.generatorMsPerAck, 3);
      }
      figures[`${k}.p50Ms`] = round(percentile(load.latencies, 50), 2);
      figures[`${k}.p99Ms`] = round(percentile(load.latencies, 99), 2);
      figures[`${k}.warmUpP99Ms`] = round(percentile(warmUp.latencies, 99), 2);
      figures[`${k}.non2xx`] = load.non2xx;
      figures[`${k}.errors`] = load.errors;
      figures[`${k}.sendLateP99Ms`] = round(load.sendLateP99Ms, 2);
    }
    for (const o of overhead) {
      figures[`${o.engine}.queue.enqueueToClaimP50Ms`] = round(o.enqueueToClaimP50Ms, 2);
      figures[`${o.engine}.queue.enqueueToClaimP99Ms`] = round(o.enqueueToClaimP99Ms, 2);
      figures[`${o.engine}.queue.dbMsPerMessage`] = round(o.dbMsPerMessage, 3);
      if (o.statementsPerMessage !== null)
        figures[`${o.engine}.queue.statementsPerMessage`] = round(o.statementsPerMessage, 1);
    }

    return {
      figures,
      targets: [
        target(
          'throughput with 3 PostgreSQL replicas over 1',
          scaleUp === null ? null : round(scaleUp, 2),
          '>=',
          TARGETS.scaleUp,
          '×',
        ),
        target(
          `webhook ack p99 at ${TARGETS.ackRate} req/s across 3 PostgreSQL replicas`,
          p99(fleetAck?.load),
          '<',
          TARGETS.ackP99Ms,
          'ms',
        ),
        ...(stored !== undefined
          ? [
              target(
                `SQLite (1 replica) ack p99 at ${TARGETS.ackRate} req/s, no worse than the webhook bench's ${fmt(stored)} ms (+20%)`,
                p99(sqliteAck?.load),
                '<=',
                round(stored * 1.2, 2),
                'ms',
              ),
            ]
          : []),
        target(
          'every throughput message answered exactly once (missing + duplicated)',
          runs.reduce((n, r) => n + r.missing + r.duplicated, 0),
          '<=',
          0,
          'messages',
        ),
      ],
      tables: [
        {
          title: `End-to-end throughput: ${perReplica} messages per replica stored at ${FILL_RATE} req/s, timed until each has its reply at the fake Twilio (--concurrency ${CONCURRENCY} per replica, model answering after ${ctx.options.modelDelayMs} ms)`,
          head: [
            'database',
            'replicas',
            'messages',
            'seconds',
            'msg/s',
            'vs 1 replica',
            'missing',
            'duplicated',
          ],
          rows: runs.map((run) => {
            const base = find(run.engine, 1);
            return [
              run.engine,
              String(run.replicas),
              String(run.messages),
              fmt(run.seconds),
              fmt(run.perSecond, 1),
              base ? `${fmt(run.perSecond / base.perSecond)}×` : '—',
              String(run.missing),
              String(run.duplicated),
            ];
          }),
        },
        {
          title: `Webhook acks under an open-loop load of ${TARGETS.ackRate} req/s for ${ctx.options.scaleSeconds} s after ${ACK_WARM_UP_SECONDS} s of the same load, round-robin over the replicas (their workers busy meanwhile)`,
          head: [
            'database',
            'replicas',
            'warm-up p99 ms',
            'sent',
            'p50 ms',
            'p99 ms',
            'max ms',
            'non-2xx',
            'errors',
            'send late p99 ms',
            'generator lag p99 ms',
            'CPU ms/ack kavak',
            'CPU ms/ack postgres',
          ],
          rows: acks.map(({ engine, replicas, warmUp, load, cpu }) => [
            engine,
            String(replicas),
            fmt(percentile(warmUp.latencies, 99)),
            String(load.latencies.length + load.errors),
            fmt(percentile(load.latencies, 50)),
            fmt(percentile(load.latencies, 99)),
            fmt(Math.max(...load.latencies)),
            String(load.non2xx),
            String(load.errors),
            fmt(load.sendLateP99Ms),
            fmt(load.generatorLagP99Ms),
            cpu ? fmt(cpu.replicasMsPerAck, 2) : '—',
            cpu && engine === 'postgres' ? fmt(cpu.postgresMsPerAck, 2) : '—',
          ]),
        },
        {
          title:
            'Queue overhead per message: enqueue on one adapter, claim on another (woken by its onWork), save the reply, finish; no model, no HTTP',
          head: [
            'database',
            'messages',
            'enqueue→claim p50 ms',
            'p99 ms',
            'DB ms per message',
            'statements per message',
          ],
          rows: overhead.map((o) => [
            o.engine,
            String(o.messages),
            fmt(o.enqueueToClaimP50Ms),
            fmt(o.enqueueToClaimP99Ms),
            fmt(o.dbMsPerMessage, 3),
            o.statementsPerMessage === null ? '—' : fmt(o.statementsPerMessage, 1),
          ]),
        },
      ],
      notes: [
        `Real kavak serve processes (serveCommand through tsx, --reply rest, --model-rpm 0, warn logs to files) on the openai runtime against the scripted model (its own process, ${ctx.options.modelDelayMs} ms per answer) and a fake Twilio REST API; PostgreSQL from KAVAK_TEST_PG_URL or started by scripts/dev-postgres.sh (fsync off), a fresh database per fleet. Every message has its own customer, so per-customer ordering never holds a worker back. Each fleet first answers a 5-message warm-up per replica.`,
        `The ack load is open-loop: request i leaves at start + i/rate whatever the answers so far (as Twilio sends), latencies run from the scheduled send time, so a stalled server shows in p99 instead of lowering the offered rate. "send late" is how far behind schedule requests left: when it is large the generator, not the server, was slow. The generator runs in its own process (not the bench's, which serves the fake Twilio the workers send to). CPU ms/ack is the CPU (user + system, from /proc/<pid>/stat) the replicas and the PostgreSQL server (postmaster and backends) used during the warm-up and the load, over the requests of both: their workers' turns meanwhile included. At ${TARGETS.ackRate} req/s the fleet stores far more than it answers; the backlog is left to the SIGTERM drain (requeued), not measured. The first ${ACK_WARM_UP_SECONDS} s of the load are a warm-up, not measured (its p99 is the "warm-up" column): a replica's first seconds of webhooks compile its webhook path while its workers start turns, on the same cores.`,
        `Queue overhead: two adapters of the same engine in the bench process (a producer and a consumer, as two replicas), messages enqueued one at a time at ~50/s; enqueue→claim runs from the enqueue call to the consumer's claim returning the message (PostgreSQL: the NOTIFY wake-up and pg-boss's fetch); DB ms per message is the wall time spent in queue calls (enqueue, claim, saveReply, finish) over the messages; statements per message counts every query pg sent meanwhile (pg-boss's own monitor included).`,
        'Figures from a 2-core machine shared with other work are inflated and noisy; the targets are meant for a quiet machine.',
      ],
    };
  },
};
