export type { Branch, BranchLookup, KnowledgeBase, KnowledgeSection } from './types.js';
export { loadKnowledgeBase } from './load-knowledge-base.js';
