import { describe, expect, it } from 'vitest';
import { KavakError } from '../../support/errors.js';
import { parseKnowledgeFile, slug } from './parse-markdown.js';

const FILE = `<!-- notes for editors: ignored, as is everything before the first title -->
Intro text, ignored.

## Garantía
<!-- keywords: falla, descompostura -->

Tu auto incluye garantía.

## Sedes en Ciudad de México
<!-- aliases: cdmx, df -->
<!-- keywords: sucursal -->

- Antara
`;

describe('parseKnowledgeFile', () => {
  it('splits on ## titles, with slug ids, the file name and comment-free bodies', () => {
    const parsed = parseKnowledgeFile('demo.md', FILE);
    expect(parsed.map((p) => p.section)).toEqual([
      {
        id: 'garantia',
        title: 'Garantía',
        file: 'demo.md',
        body: 'Tu auto incluye garantía.',
        keywords: ['falla', 'descompostura'],
      },
      {
        id: 'sedes-en-ciudad-de-mexico',
        title: 'Sedes en Ciudad de México',
        file: 'demo.md',
        body: '- Antara',
        keywords: ['sucursal', 'cdmx', 'df'],
      },
    ]);
    expect(parsed.map((p) => p.aliases)).toEqual([[], ['cdmx', 'df']]);
  });

  it('refuses a section without text, naming it', () => {
    const error: unknown = (() => {
      try {
        parseKnowledgeFile('demo.md', '## Vacía\n<!-- keywords: nada -->\n\n## Llena\nTexto');
      } catch (caught) {
        return caught;
      }
    })();
    expect(KavakError.is(error)).toBe(true);
    expect((error as Error).message).toContain('"Vacía" in demo.md');
  });

  it('makes ids from titles without accents or punctuation', () => {
    expect(slug('Lo que no sé: te comunico con un asesor')).toBe('lo-que-no-se-te-comunico-con-un-asesor');
  });
});
