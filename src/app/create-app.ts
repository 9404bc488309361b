import type { AgentSettings, KavakConfig } from './config/schema.js';
import type { ChannelName } from '../channels/channel.js';
import { channelFor, type ChannelEntry } from './channels.js';
import { createLogger, parseLogLevel, type Logger } from '../support/logger.js';
import { createPipeline, type Pipeline } from '../core/pipeline.js';
import { PromptLibrary } from '../core/prompts/prompt-library.js';
import { createRuntime } from './runtimes.js';
import { catalogVocabulary } from '../runtime/offline/catalog-vocabulary.js';
import type { Vocabulary } from '../runtime/offline/nlu/index.js';
import type { ConversationStore } from '../core/ports/conversations.js';
import { openMemoryStores, openStores, type Storage } from './stores.js';
import { loadCatalog } from '../tools/catalog/index.js';
import type { Catalog } from '../tools/catalog/types.js';
import { loadKnowledgeBase } from '../tools/knowledge/index.js';
import type { KnowledgeBase } from '../tools/knowledge/types.js';

export interface App {
  config: KavakConfig;
  /**
   * The channel replies are shaped for (serve talks on it; chat and eval simulate it). Its
   * adapter loads on demand (`channel.load()`): only serve needs its webhook and sender.
   */
  channel: ChannelEntry;
  pipeline: Pipeline;
  /** Conversation memory: the port, on the database `--db` / KAVAK_DB names. */
  conversations: ConversationStore;
  /**
   * The opened database handle ({ kind: 'sqlite', db } or { kind: 'postgres', pool }), for
   * adapters of other ports (serve's inbound queue) to share. `close()` closes it; they must not.
   */
  storage: Storage;
  logger: Logger;
  /** The catalog's makes and models for the offline NLU (follows /reload). */
  vocabulary: () => Vocabulary;
  /** Re-reads prompts, catalog and knowledge base (chat's /reload). */
  reload(): Promise<void>;
  /** Closes the database (ends the PostgreSQL pool). */
  close(): Promise<void>;
}

/** Wires the pipeline from the resolved config: tools, prompts, store, runtime and channel. */
export async function createApp(
  config: KavakConfig,
  options: {
    stream?: boolean;
    logger?: Logger;
    channel?: ChannelName;
    /** `memory`: conversations kept in this process, not on `config.db` (eval's throwaway cases). */
    conversations?: 'database' | 'memory';
    /**
     * The catalog and knowledge base, already loaded from config.catalog and config.knowledge:
     * eval's variants share one load (and every index built on it) instead of one per app.
     */
    tools?: { catalog: Catalog; knowledge: KnowledgeBase };
  } = {},
): Promise<App> {
  const channel = channelFor(options.channel);
  const logger =
    options.logger ?? createLogger({ level: parseLogLevel(process.env.KAVAK_LOG_LEVEL, 'warn') });
  // A copy: /reload replaces this app's tools, never those it was handed.
  const tools: { catalog: Catalog; knowledge: KnowledgeBase } = options.tools
    ? { ...options.tools }
    : { catalog: await loadCatalog(config.catalog), knowledge: await loadKnowledgeBase(config.knowledge) };
  for (const issue of tools.catalog.issues)
    logger.warn('catalog_row_skipped', { line: issue.line, reason: issue.message });
  const prompts = new PromptLibrary(config.prompts);
  const stores =
    options.conversations === 'memory' ? openMemoryStores() : await openStores(config.db, { logger });
  // Read through `tools` on every call, so /reload's new catalog is seen.
  const vocabulary = () => catalogVocabulary(tools.catalog, tools.knowledge);
  const runtime = createRuntime(config, { vocabulary });
  const pipeline = createPipeline({
    runtime,
    tools,
    prompts,
    conversations: stores.conversations,
    logger,
    splitReply: channel.splitReply,
    settings: {
      agentModels: perAgent(config.agents, 'model'),
      agentTemperatures: perAgent(config.agents, 'temperature'),
      agentMaxOutputTokens: perAgent(config.agents, 'maxOutputTokens'),
      temperature: config.temperature,
      prices: config.prices,
      historyTurns: config.historyTurns,
      stream: options.stream ?? false,
    },
  });
  return {
    config,
    channel,
    pipeline,
    conversations: stores.conversations,
    storage: stores.storage,
    logger,
    vocabulary,
    async reload() {
      prompts.reload();
      tools.catalog = await loadCatalog(config.catalog);
      tools.knowledge = await loadKnowledgeBase(config.knowledge);
    },
    close: () => stores.close(),
  };
}

/** One setting of every agent that sets it: `agents.cars.model` → `{ cars: … }`. */
function perAgent<K extends keyof AgentSettings>(
  agents: KavakConfig['agents'],
  key: K,
): Partial<Record<keyof KavakConfig['agents'], NonNullable<AgentSettings[K]>>> {
  return Object.fromEntries(
    Object.entries(agents).flatMap(([agent, settings]) =>
      settings?.[key] !== undefined ? [[agent, settings[key]]] : [],
    ),
  );
}
