import { describe, expect, it } from 'vitest';
import { openMemoryStores } from '../../src/app/stores.js';
import { emptyProfile } from '../../src/core/profile.js';
import { conversationStoreContract } from './conversations.contract.js';

describe('the conversation port in memory (eval’s throwaway conversations)', () => {
  conversationStoreContract(() => {
    const stores = openMemoryStores();
    expect(stores.storage.kind).toBe('memory');
    return Promise.resolve({ store: stores.conversations, close: () => stores.close() });
  });

  it('gives copies: changing what it returned changes nothing it keeps', async () => {
    const { conversations } = openMemoryStores();
    await conversations.saveTurn({
      conversationId: 'c1',
      trackingId: 't1',
      customerText: 'hola',
      agentText: '¡Hola!',
      profile: { ...emptyProfile(), name: 'Ana' },
      trace: { steps: ['intents'] },
      leads: [],
    });
    const read = await conversations.get('c1');
    read!.profile.name = 'Otra';
    const [trace] = (await conversations.traces('c1')) as { steps: string[] }[];
    trace!.steps.push('changed');
    const [message] = await conversations.history('c1', 2);
    message!.text = 'changed';

    expect((await conversations.get('c1'))?.profile.name).toBe('Ana');
    expect(await conversations.traces('c1')).toEqual([{ steps: ['intents'] }]);
    expect((await conversations.history('c1', 2)).map((m) => m.text)).toEqual(['hola', '¡Hola!']);
  });
});
