export * from './schema.js';
export { GoldenSetError, formatIssue, type GoldenSetIssue } from './errors.js';
export { loadGoldenSet, type LoadGoldenSetOptions } from './load.js';
export { matchesFilter, parseFilter, type CaseFilter } from './filter.js';
export { parseGoldenFile, type ParsedGoldenFile } from './parse-file.js';
export { goldenSetJsonSchema, renderGoldenSetJsonSchema } from './json-schema.js';
export { verifyGoldenSet } from './verify-golden-set.js';
export { expectedPlan, type ExpectedPlan, type VerifyTools } from './verify-context.js';
