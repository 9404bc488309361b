/**
 * `kavak serve` in-process for HTTP tests: the real app (createApp on a temp SQLite file),
 * listening on 127.0.0.1 with a free port, replies going through the real twilio SDK to a
 * fake Twilio REST server. Log lines are kept so tests can check what they reveal.
 */
import { createApp, type App } from '../../../src/app/create-app.js';
import { openServeStores } from '../../../src/app/serve-stores.js';
import { loadConfig } from '../../../src/app/config/load-config.js';
import type { KavakConfig } from '../../../src/app/config/schema.js';
import { createLogger } from '../../../src/support/logger.js';
import type { Pipeline } from '../../../src/core/pipeline.js';
import { startServer, type RunningServer } from '../../../src/serve/server.js';
import {
  parseServeSettings,
  resolveServeSetup,
  type ServeSettingsInput,
} from '../../../src/serve/settings.js';
import {
  postTwilioWebhook,
  twilioWebhookForm,
  type SimulatedMessage,
  type WebhookAnswer,
} from '../../../src/channels/whatsapp/twilio-request.js';
import { TRACKING_HEADER } from '../../../src/serve/webhook-route.js';
import {
  startFakeTwilioServer,
  TEST_ACCOUNT_SID,
  TEST_AUTH_TOKEN,
  type FakeTwilioServer,
} from './fake-twilio-server.js';
import { tempDbPath } from './queue-harness.js';

export interface ServeHarness {
  app: App;
  server: RunningServer;
  twilio: FakeTwilioServer;
  logs: string[];
  /** Posts a Twilio-signed message (the harness token) to the webhook. */
  send(
    message: Partial<SimulatedMessage> & { body: string },
    options?: { signature?: string | null },
  ): Promise<ServeAnswer>;
  close(): Promise<void>;
}

/** The webhook's answer and the tracking id serve gave the message. */
export type ServeAnswer = WebhookAnswer & { trackingId: string | undefined };

export interface ServeHarnessOptions {
  settings?: ServeSettingsInput;
  /** Config overrides over the offline runtime on a temp database. */
  config?: Partial<KavakConfig>;
  /** No TWILIO_* credentials at all (local twiml mode). */
  noCredentials?: boolean;
  /** More environment for the serve setup (e.g. TWILIO_AUTH_TOKEN_SECONDARY). */
  env?: Record<string, string>;
  /** Wraps the app's pipeline (e.g. to observe turns). */
  pipeline?: (pipeline: Pipeline) => Pipeline;
}

export async function startServeHarness(options: ServeHarnessOptions = {}): Promise<ServeHarness> {
  const twilio = await startFakeTwilioServer();
  const env = options.noCredentials
    ? {}
    : {
        TWILIO_ACCOUNT_SID: TEST_ACCOUNT_SID,
        TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN,
        KAVAK_TWILIO_API_URL: twilio.url,
        ...options.env,
      };
  const settings = parseServeSettings({ port: 0, retryBaseMs: 10, retryMaxMs: 50, ...options.settings }, {});
  const setup = resolveServeSetup(settings, env);
  const logs: string[] = [];
  const logger = createLogger({ level: 'debug', write: (line) => logs.push(line) });
  const config = { ...loadConfig({ runtime: 'offline', db: tempDbPath() }, {}), ...options.config };
  const app = await createApp(config, { logger });
  const pipeline = options.pipeline ? options.pipeline(app.pipeline) : app.pipeline;
  const stores = await openServeStores({
    db: app.config.db,
    storage: app.storage,
    conversations: app.conversations,
    leaseMs: settings.leaseMs,
    modelRpm: 0,
  });
  const server = await startServer({
    pipeline,
    channel: await app.channel.load(),
    ...stores,
    logger,
    settings,
    setup,
  });

  return {
    app,
    server,
    twilio,
    logs,
    async send(message, sendOptions = {}) {
      const form = twilioWebhookForm({ from: '+5215555550100', ...message });
      const answer = await postTwilioWebhook({
        url: server.webhookUrl,
        form,
        authToken: TEST_AUTH_TOKEN,
        ...sendOptions,
      });
      return { ...answer, trackingId: answer.headers.get(TRACKING_HEADER) ?? undefined };
    },
    async close() {
      await server.shutdown({ force: true });
      await stores.close();
      await app.close();
      await twilio.close();
    },
  };
}

export { eventually } from '../../helpers/eventually.js';
