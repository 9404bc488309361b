import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserInputError } from '../../support/errors.js';
import { loadKnowledgeBase } from './load-knowledge-base.js';

describe('loadKnowledgeBase', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kavak-knowledge-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reports a missing folder as a user error with a hint', async () => {
    const missing = join(dir, 'nope');
    const error = await loadKnowledgeBase(missing).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UserInputError);
    expect((error as UserInputError).message).toContain(missing);
    expect((error as UserInputError).hint).toMatch(/knowledge/);
  });

  it('reports a folder without sections', async () => {
    await writeFile(join(dir, 'notes.txt'), '## Not markdown');
    await expect(loadKnowledgeBase(dir)).rejects.toThrow(/No "## " sections/);
  });

  it('refuses two sections with the same id, naming both files', async () => {
    await writeFile(join(dir, 'a.md'), '## Garantía\nTres meses.');
    await writeFile(join(dir, 'b.md'), '## Garantia\nOtra vez.');
    await expect(loadKnowledgeBase(dir)).rejects.toThrow(/"garantia" \(a\.md and b\.md\)/);
  });

  it('reads every .md file, and branches only from "Sedes en" sections', async () => {
    await writeFile(join(dir, 'a.md'), '## Garantía\n- Tres meses.');
    await writeFile(join(dir, 'b.md'), '## Sedes en Puebla\n- Explanada (9:00 a 18:00)\n- Las Torres');
    const kb = await loadKnowledgeBase(dir);
    expect(kb.sections.map((s) => s.file)).toEqual(['a.md', 'b.md']);
    expect(kb.branches).toEqual([
      { name: 'Explanada', city: 'Puebla', hours: '9:00 a 18:00' },
      { name: 'Las Torres', city: 'Puebla', hours: null },
    ]);
  });

  it('refuses a branch section that lists no branch', async () => {
    await writeFile(join(dir, 'a.md'), '## Sedes en Puebla\nPronto.');
    await expect(loadKnowledgeBase(dir)).rejects.toThrow(/lists no branch/);
  });
});
