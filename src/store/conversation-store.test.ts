import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyProfile } from '../core/profile.js';
import { ConversationStore } from './conversation-store.js';
import { openDatabase } from './database.js';

describe('ConversationStore (a real SQLite file)', () => {
  it('keeps history, profile, traces and leads across reopening the file', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'kavak-db-')), 'kavak.db');
    const store = new ConversationStore(openDatabase(path));
    const profile = { ...emptyProfile(), name: 'Ana', carUnderDiscussion: '305016' };
    store.saveTurn({
      conversationId: 'c1',
      trackingId: 't1',
      customerText: 'Hola, soy Ana',
      agentText: '¡Hola Ana!',
      profile,
      trace: { trackingId: 't1' },
      leads: [
        {
          action: 'visit',
          name: 'Ana',
          stockId: '305016',
          city: 'Puebla',
          branch: 'Explanada',
          preferredTime: 'mañana',
        },
      ],
    });

    const reopened = new ConversationStore(openDatabase(path));
    expect(reopened.get('c1')?.profile.name).toBe('Ana');
    expect(reopened.history('c1', 10).map((m) => [m.role, m.text])).toEqual([
      ['customer', 'Hola, soy Ana'],
      ['agent', '¡Hola Ana!'],
    ]);
    expect(reopened.traces('c1')).toEqual([{ trackingId: 't1' }]);
    expect(reopened.leads('c1')[0]?.branch).toBe('Explanada');
  });

  it('returns only the most recent messages, oldest first', () => {
    const store = new ConversationStore(openDatabase(':memory:'));
    for (let i = 1; i <= 4; i++) {
      store.saveTurn({
        conversationId: 'c',
        trackingId: `t${i}`,
        customerText: `q${i}`,
        agentText: `a${i}`,
        profile: emptyProfile(),
        trace: {},
        leads: [],
      });
    }
    expect(store.history('c', 3).map((m) => m.text)).toEqual(['a3', 'q4', 'a4']);
  });
});
