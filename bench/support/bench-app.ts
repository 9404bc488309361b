import { join } from 'node:path';
import { createApp, type App } from '../../src/app/create-app.js';
import { loadConfig } from '../../src/app/config/load-config.js';
import { silentLogger } from '../../src/support/logger.js';

export interface BenchAppOptions {
  workDir: string;
  catalog: string;
  /** Absent: the offline runtime. */
  baseUrl?: string;
  /** A name for the SQLite file in workDir, or ':memory:'. */
  db: string;
}

/**
 * The app as `kavak` wires it (createApp on a loaded config), with no env vars and no config
 * file read, so the user's OPENAI_API_KEY or kavak.config.json never leaks into a bench.
 */
export async function createBenchApp(options: BenchAppOptions): Promise<App> {
  const config = loadConfig(
    {
      runtime: options.baseUrl ? 'openai' : 'offline',
      baseUrl: options.baseUrl,
      catalog: options.catalog,
    },
    {},
    options.workDir,
  );
  // ':memory:' is set after loadConfig, which would resolve it as a file name.
  const db = options.db === ':memory:' ? ':memory:' : join(options.workDir, options.db);
  return createApp({ ...config, db, maxRetries: 0 }, { logger: silentLogger });
}
