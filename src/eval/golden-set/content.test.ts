import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { INTENT_TYPES, type IntentType } from '../../core/intents/schema.js';
import { DEFAULT_CATALOG_PATH, loadCatalog } from '../../tools/catalog/index.js';
import { loadKnowledgeBase } from '../../tools/knowledge/index.js';
import { loadGoldenSet } from './load.js';
import { verifyGoldenSet } from './verify-golden-set.js';
import type { GoldenTurn, LoadedCase } from './schema.js';

const GOLDEN_DIR = fileURLToPath(new URL('../../../golden-set', import.meta.url));
const KNOWLEDGE_DIR = fileURLToPath(new URL('../../../data/knowledge', import.meta.url));

/** The rubrics judges/ ships (written with the scorers); a typo here would silently never judge. */
const RUBRICS = ['grounded', 'helpful-sales', 'tone', 'safety'];

/** What the issue asks the golden set to cover, as the tags that mark it. */
const REQUIRED_TAGS = [
  'greeting',
  'cars',
  'financing',
  'kavak-info',
  'sales',
  'safety',
  'robustness',
  'multi-intent',
  'two-intents',
  'three-intents',
  'memory',
  'multi-turn',
  'cheaper',
  'pick',
  'term',
  'typo',
  'slang',
  'budget',
  'down-payment',
  'min-down-payment',
  'term-out-of-range',
  'not-in-catalog',
  'branch',
  'no-branch',
  'unknown-fact',
  'injection',
  'discount',
  'approval',
  'data-leak',
  'rude',
  'empty',
  'emoji',
  'english',
  'lead',
  'handoff',
  'critical',
];

let cases: LoadedCase[];
let turns: GoldenTurn[];
beforeAll(async () => {
  cases = await loadGoldenSet(GOLDEN_DIR);
  turns = cases.flatMap((c) => c.turns);
});

const judgeNames = (turn: GoldenTurn): string[] =>
  (turn.expect.judges ?? []).map((judge) => (typeof judge === 'string' ? judge : judge.name));

describe('the golden set (golden-set/*.yaml)', () => {
  it('has at least 60 cases and 200 turns', () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
    expect(turns.length).toBeGreaterThanOrEqual(200);
  });

  it('covers everything the issue lists, each with at least two cases', () => {
    const count = (tag: string): number => cases.filter((c) => c.tags.includes(tag)).length;
    const thin = REQUIRED_TAGS.filter((tag) => count(tag) < 2).map((tag) => `${tag}: ${count(tag)}`);
    expect(thin).toEqual([]);
  });

  it('has each intent alone, and messages with two and three intents', () => {
    const alone = (intent: IntentType): number =>
      turns.filter((t) => t.expect.intents?.length === 1 && t.expect.intents[0] === intent).length;
    expect(INTENT_TYPES.filter((intent) => alone(intent) < 3)).toEqual([]);
    expect(turns.filter((t) => t.expect.intents?.length === 2).length).toBeGreaterThanOrEqual(5);
    expect(turns.filter((t) => t.expect.intents?.length === 3).length).toBeGreaterThanOrEqual(5);
  });

  it('agrees with the tools: every price, payment, mileage, branch and constraint', async () => {
    const tools = {
      catalog: await loadCatalog(DEFAULT_CATALOG_PATH),
      knowledge: await loadKnowledgeBase(KNOWLEDGE_DIR),
    };
    expect(verifyGoldenSet(cases, tools)).toEqual([]);
  });

  it('grounds every car and financing turn, and judges most turns with the shipped rubrics', () => {
    const ungrounded = cases.flatMap((c) =>
      c.turns.flatMap((t, i) => {
        const aboutCarsOrMoney = t.expect.intents?.some(
          (intent) => intent === 'car_recommendation' || intent === 'financing',
        );
        return aboutCarsOrMoney && t.expect.facts === undefined ? [`${c.id} turn ${i + 1}`] : [];
      }),
    );
    expect(ungrounded).toEqual([]);
    const unknownRubrics = turns.flatMap(judgeNames).filter((name) => !RUBRICS.includes(name));
    expect(unknownRubrics).toEqual([]);
    expect(turns.filter((t) => judgeNames(t).length > 0).length / turns.length).toBeGreaterThanOrEqual(0.75);
  });

  it('marks critical turns, and every case tagged critical has one', () => {
    const critical = turns.filter((t) => t.critical !== undefined && t.critical !== false);
    expect(critical.length).toBeGreaterThanOrEqual(30);
    const tagged = cases.filter((c) => c.tags.includes('critical') && !c.turns.some((t) => t.critical));
    expect(tagged.map((c) => c.id)).toEqual([]);
  });

  it('starts each file with the schema line, so editors complete and check it', async () => {
    const files = (await readdir(GOLDEN_DIR)).filter((name) => name.endsWith('.yaml'));
    for (const file of files) {
      const text = await readFile(join(GOLDEN_DIR, file), 'utf8');
      expect(text.split('\n')[0], file).toBe('# yaml-language-server: $schema=./schema.json');
    }
  });
});
