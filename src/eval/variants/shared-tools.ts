import { resolve } from 'node:path';
import type { KavakConfig } from '../../app/config/schema.js';
import type { PipelineTools } from '../../core/turn-context.js';
import { loadTools } from '../runner/eval-session.js';

/** Loads the catalog and knowledge base a config names. */
export type ToolsLoader = (config: KavakConfig) => Promise<PipelineTools>;

/**
 * One load per distinct catalog and knowledge base: variants that read the same files share one
 * Catalog and KnowledgeBase object, and with it every index cached per object (the offline NLU's
 * vocabulary, the scorers' car-name patterns). A variant with another catalog gets its own.
 */
export function sharedToolsLoader(load: ToolsLoader = loadTools): ToolsLoader {
  const loaded = new Map<string, Promise<PipelineTools>>();
  return (config) => {
    const key = JSON.stringify([resolve(config.catalog), resolve(config.knowledge)]);
    let tools = loaded.get(key);
    if (!tools) loaded.set(key, (tools = load(config)));
    return tools;
  };
}
