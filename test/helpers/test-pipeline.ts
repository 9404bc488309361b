import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_PRICES } from '../../src/app/config/schema.js';
import { packageRoot } from '../../src/app/config/paths.js';
import { splitForWhatsApp } from '../../src/channels/whatsapp/split-reply.js';
import { createPipeline, type Pipeline } from '../../src/core/pipeline.js';
import { PromptLibrary } from '../../src/core/prompts/prompt-library.js';
import { catalogVocabulary } from '../../src/runtime/offline/catalog-vocabulary.js';
import { createOfflineRuntime } from '../../src/runtime/offline/offline-runtime.js';
import type { LanguageModelRuntime } from '../../src/core/ports/language-model.js';
import type { ConversationStore } from '../../src/core/ports/conversations.js';
import { SqliteConversationStore } from '../../src/store/sqlite/conversation-store.js';
import { openDatabase } from '../../src/store/sqlite/database.js';
import { loadCatalog } from '../../src/tools/catalog/index.js';
import type { Catalog } from '../../src/tools/catalog/types.js';
import { loadKnowledgeBase } from '../../src/tools/knowledge/index.js';

export interface TestPipelineOptions {
  /** A copy of prompts/ a test may edit. */
  promptsDir?: string;
  dbPath?: string;
  stream?: boolean;
}

/**
 * The real pipeline on the real catalog, knowledge base and prompts, with a temp SQLite file;
 * on the offline runtime unless a runtime is given.
 */
export async function createTestPipeline(
  runtime?: LanguageModelRuntime,
  options: TestPipelineOptions = {},
): Promise<{ pipeline: Pipeline; store: ConversationStore; prompts: PromptLibrary; catalog: Catalog }> {
  const root = packageRoot();
  const catalog = await loadCatalog(join(root, 'data/catalog.csv'));
  const knowledge = await loadKnowledgeBase(join(root, 'data/knowledge'));
  const store: ConversationStore = new SqliteConversationStore(
    openDatabase(options.dbPath ?? join(mkdtempSync(join(tmpdir(), 'kavak-test-')), 'kavak.db')),
  );
  const prompts = new PromptLibrary(options.promptsDir ?? join(root, 'prompts'));
  const pipeline = createPipeline({
    runtime: runtime ?? createOfflineRuntime({ vocabulary: () => catalogVocabulary(catalog, knowledge) }),
    tools: { catalog, knowledge },
    prompts,
    conversations: store,
    splitReply: splitForWhatsApp,
    settings: {
      agentModels: {},
      agentTemperatures: {},
      agentMaxOutputTokens: {},
      temperature: 0.3,
      prices: DEFAULT_PRICES,
      historyTurns: 10,
      stream: options.stream ?? false,
    },
  });
  return { pipeline, store, prompts, catalog };
}
