import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chatFixture } from '../../test/chat/chat-fixture.js';
import { loadGoldenSet } from '../eval/golden-set/load.js';
import { storedTraces } from './conversation-log.js';
import { saveCase } from './save-case.js';

async function conversation(...messages: string[]) {
  const fx = await chatFixture();
  const chat = await fx.controller();
  for (const message of messages) await chat.submit(message);
  return await storedTraces(fx.store, chat.getState().conversationId);
}

describe('saveCase', () => {
  it('writes a case the golden-set loader accepts, with intents, named cars and grounding as drafts', async () => {
    const traces = await conversation('hola', 'busco un Versa');
    const dir = join(mkdtempSync(join(tmpdir(), 'kavak-golden-')), 'golden-set');
    const { path } = saveCase({ dir, id: 'versa-desde-chat', traces, provenance: 'Saved from a test.' });

    expect(readFileSync(path, 'utf8')).toMatch(/^# Saved from a test\.\n# Draft expectations/);
    const [loaded] = await loadGoldenSet(dir);
    expect(loaded).toMatchObject({ id: 'versa-desde-chat', title: 'hola', tags: ['chat-saved'] });
    expect(loaded!.turns.map((t) => t.expect)).toEqual([
      { intents: ['greeting'], facts: true },
      {
        intents: ['car_recommendation'],
        keywords: {
          any: expect.arrayContaining(['Versa', expect.stringMatching(/^\$[\d,]+\.\d\d$/)]) as string[],
        },
        facts: true,
      },
    ]);
  });

  it('never reuses an id: not the same file, not a case inside another file', async () => {
    const traces = await conversation('busco un Versa');
    const dir = mkdtempSync(join(tmpdir(), 'kavak-golden-'));
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'cars.yaml'),
      'cases:\n  - id: versa\n    title: t\n    turns:\n      - user: hola\n',
    );
    expect(() => saveCase({ dir, id: 'versa', traces })).toThrow(/already exists in .*cars\.yaml/);

    saveCase({ dir, id: 'otro', traces });
    expect(() => saveCase({ dir, id: 'otro', traces })).toThrow(/already exists in .*otro\.yaml/);
    // Both files together still load: no duplicate ids were written.
    expect((await loadGoldenSet(dir)).map((c) => c.id)).toEqual(['versa', 'otro']);
  });

  it('refuses an empty conversation with what to do', () => {
    expect(() => saveCase({ dir: tmpdir(), id: 'vacio', traces: [] })).toThrow('nothing to save yet');
  });
});
