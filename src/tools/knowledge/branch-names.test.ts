import { describe, expect, it } from 'vitest';
import { buildKnowledgeBase } from './load-knowledge-base.js';
import { parseKnowledgeFile } from './parse-markdown.js';

const KB = buildKnowledgeBase([
  ...parseKnowledgeFile(
    'sedes.md',
    [
      '## Sedes en Monterrey',
      '- Punto Valle',
      '- Nuevo Sur',
      '## Sedes en Guadalajara',
      '- Midtown',
      '- Punto Sur',
      '## Sedes en Ciudad de México',
      '- Patio Santa Fe',
      '- Artz Pedregal',
    ].join('\n'),
  ),
  ...parseKnowledgeFile('calidad.md', '## Prueba\nTienes 10 días o 1,000 km para probar tu auto.'),
]);

describe('knowledge base: branches named the way customers shorten them', () => {
  it('finds a branch from a part of its name no other branch shares', () => {
    expect(KB.branchNamed('la de santa fe')?.name).toBe('Patio Santa Fe');
    expect(KB.branchNamed('PEDREGAL')?.name).toBe('Artz Pedregal');
    expect(KB.branchNamed('en punto valle porfa')?.name).toBe('Punto Valle');
  });

  it('does not guess between branches that share the words said', () => {
    // "Sur" is in Nuevo Sur and Punto Sur; "Punto" in Punto Valle and Punto Sur.
    expect(KB.branchNamed('la del sur')).toBeUndefined();
    expect(KB.branchNamed('punto')).toBeUndefined();
  });
});

describe('knowledge base: the return window', () => {
  it('is read from the knowledge text, so a new rule in the file is the rule', () => {
    expect(KB.returnWindow).toEqual({ days: 10, km: 1000, sectionId: 'prueba' });
  });
});
