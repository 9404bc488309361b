import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PATHS, packageRoot } from '../../app/config/paths.js';
import { buildKnowledgeBase, loadKnowledgeBase } from './load-knowledge-base.js';
import { parseKnowledgeFile } from './parse-markdown.js';
import type { KnowledgeBase } from './types.js';

/** Every figure a text states (days, km, months, %, hours, counts), sorted: "9:00" stays one. */
const figures = (text: string): string[] => [...text.matchAll(/\d+(?:[:.,]\d+)*/g)].map((m) => m[0]).sort();

describe('the English knowledge base (data/knowledge/en)', () => {
  const dir = join(packageRoot(), DEFAULT_PATHS.knowledge);
  let kb: KnowledgeBase;
  beforeAll(async () => {
    kb = await loadKnowledgeBase(dir);
  });

  it('has an English twin of every Spanish section, stating the same figures', () => {
    for (const section of kb.sections) {
      const english = kb.inLanguage(section, 'en');
      expect(english, `no English twin of "${section.id}" (${section.file})`).not.toBe(section);
      expect(english.id).toBe(section.id);
      expect(figures(english.body), `figures of "${section.id}"`).toEqual(figures(section.body));
    }
  });

  it('has one English file per Spanish file, each saying it was written from it', async () => {
    const spanish = (await readdir(dir)).filter((name) => name.endsWith('.md')).sort();
    const english = (await readdir(join(dir, 'en'))).filter((name) => name.endsWith('.md')).sort();
    expect(english).toEqual(spanish);
    for (const name of english) {
      expect(await readFile(join(dir, 'en', name), 'utf8')).toContain(`English twin of ../${name}`);
    }
  });

  it('finds the section for a question asked in English', () => {
    expect(kb.retrieve('what warranty do the cars come with?', { limit: 1 })[0]?.id).toBe('garantia');
    expect(kb.retrieve('can i give it back if i change my mind', { limit: 1 })[0]?.id).toBe(
      'periodo-de-prueba-y-devolucion',
    );
  });

  it('refuses a translated section whose id names no Spanish section', () => {
    const spanish = parseKnowledgeFile('a.md', '## Garantía\n\nTres meses.');
    const english = parseKnowledgeFile(
      'a.md',
      '## Warranty\n<!-- id: garantia-extendida -->\n\nThree months.',
    );
    expect(() => buildKnowledgeBase(spanish, { en: english })).toThrow(/translates no section/);
    expect(
      buildKnowledgeBase(spanish, {
        en: parseKnowledgeFile('a.md', '## W\n<!-- id: garantia -->\n\nX.'),
      }).inLanguage(spanish[0]!.section, 'en').body,
    ).toBe('X.');
  });
});
