/**
 * Recomputes every figure the golden set expects with the tools (catalog, financing, knowledge
 * base) and fails on a mismatch: `npx tsx scripts/verify-golden-set.ts [golden-set dir]`.
 */
import { fileURLToPath } from 'node:url';
import { formatIssue } from '../src/eval/golden-set/errors.js';
import { loadGoldenSet } from '../src/eval/golden-set/load.js';
import { verifyGoldenSet } from '../src/eval/golden-set/verify-golden-set.js';
import { DEFAULT_CATALOG_PATH, loadCatalog } from '../src/tools/catalog/index.js';
import { loadKnowledgeBase } from '../src/tools/knowledge/index.js';

const dir = process.argv[2] ?? fileURLToPath(new URL('../golden-set', import.meta.url));
const knowledgeDir = fileURLToPath(new URL('../data/knowledge', import.meta.url));

const cases = await loadGoldenSet(dir);
const tools = {
  catalog: await loadCatalog(DEFAULT_CATALOG_PATH),
  knowledge: await loadKnowledgeBase(knowledgeDir),
};
const issues = verifyGoldenSet(cases, tools);
const turns = cases.reduce((sum, c) => sum + c.turns.length, 0);
if (issues.length > 0) {
  console.error(`${issues.length} expectation(s) disagree with the tools:`);
  for (const issue of issues) console.error(`  - ${formatIssue(issue)}`);
  process.exitCode = 1;
} else {
  console.log(`${cases.length} cases, ${turns} turns: every figure agrees with the tools.`);
}
