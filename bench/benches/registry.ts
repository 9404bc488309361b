import type { Bench } from '../harness/bench.js';
import { cliStartBench } from './cli-start.js';
import { evalCacheBench } from './eval-cache.js';
import { evalThroughputBench } from './eval-throughput.js';
import { evalVariantsBench } from './eval-variants.js';
import { metricsBench } from './metrics.js';
import { pipelineBench } from './pipeline.js';
import { serveScaleBench } from './serve-scale.js';
import { tokensBench } from './tokens.js';
import { webhookBench } from './webhook.js';

/** In the order `npm run bench` runs them. */
const ALL: Bench[] = [
  pipelineBench,
  evalThroughputBench,
  evalVariantsBench,
  evalCacheBench,
  cliStartBench,
  tokensBench,
  webhookBench,
  metricsBench,
  serveScaleBench,
];

export const BENCHES: Record<string, Bench> = Object.fromEntries(ALL.map((bench) => [bench.name, bench]));
export const BENCH_NAMES = ALL.map((bench) => bench.name);
