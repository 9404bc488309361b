export type { Branch, BranchLookup, KnowledgeBase, KnowledgeSection } from './types.js';
export type { ReturnWindow } from './return-window.js';
export { branchNameRuns, type BranchNameRun } from './branch-names.js';
export { loadKnowledgeBase } from './load-knowledge-base.js';
