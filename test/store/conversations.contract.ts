import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { KavakError } from '../../src/support/errors.js';
import { emptyProfile, type Profile } from '../../src/core/profile.js';
import type { ConversationStore, Lead, TurnWrite } from '../../src/core/ports/conversations.js';

/** An adapter under test, on its real database; `close` closes that database as a shutdown would. */
export interface OpenedConversationStore {
  store: ConversationStore;
  close(): Promise<void>;
}

/**
 * What every adapter of the conversation port must do, as a user of chat, eval or serve would
 * notice it. Call inside a describe(); `open` gives a store on a real database for each test.
 */
export function conversationStoreContract(open: () => Promise<OpenedConversationStore>): void {
  let opened: OpenedConversationStore;
  let store: ConversationStore;
  beforeEach(async () => {
    opened = await open();
    store = opened.store;
  });
  afterEach(async () => {
    await opened.close();
  });

  it('reads a saved turn back whole: both messages, the profile, the trace, the leads and the reply', async () => {
    const id = conversationId();
    const profile: Profile = { ...emptyProfile(), name: 'Ana', carUnderDiscussion: '305016' };
    const trace = { trackingId: 't1', reply: '¡Hola Ana!', messages: ['¡Hola Ana!'], latencyMs: 12.5 };
    await store.saveTurn(turn(id, 't1', { profile, trace, leads: [visit('Ana')] }));

    const conversation = await store.get(id);
    expect(conversation?.profile).toEqual(profile);
    expect(Date.parse(conversation!.createdAt)).not.toBeNaN();
    const history = await store.history(id, 10);
    expect(history.map((m) => [m.role, m.text, m.trackingId])).toEqual([
      ['customer', 'q t1', 't1'],
      ['agent', 'a t1', 't1'],
    ]);
    expect(new Date(history[0]!.createdAt).toISOString()).toBe(history[0]!.createdAt);
    expect(await store.traces(id)).toEqual([trace]);
    expect(await store.leads(id)).toEqual([visit('Ana')]);
    expect(await store.turnReply('t1')).toEqual({ reply: '¡Hola Ana!', messages: ['¡Hola Ana!'] });
    expect(await store.turnReply('t_never_saved')).toBeUndefined();
  });

  it('gives the last N messages oldest first, and only that conversation’s', async () => {
    const id = conversationId();
    const other = conversationId();
    for (let i = 1; i <= 4; i++) await store.saveTurn(turn(id, `${id}-t${i}`, { text: `${i}` }));
    await store.saveTurn(turn(other, `${other}-t1`, { text: 'otro' }));

    expect((await store.history(id, 3)).map((m) => m.text)).toEqual(['a 3', 'q 4', 'a 4']);
    expect((await store.history(id, 100)).map((m) => m.text)).toEqual([
      ...['q 1', 'a 1', 'q 2', 'a 2', 'q 3', 'a 3', 'q 4', 'a 4'],
    ]);
    expect(await store.history(conversationId(), 10)).toEqual([]);
    expect(await store.get(conversationId())).toBeUndefined();
  });

  it('keeps traces in the order the turns were saved, even within one millisecond', async () => {
    const id = conversationId();
    for (let i = 1; i <= 6; i++) await store.saveTurn(turn(id, `${id}-t${i}`, { trace: { n: i } }));
    expect(await store.traces(id)).toEqual([1, 2, 3, 4, 5, 6].map((n) => ({ n })));
  });

  it('saves no half turn: a trace that cannot be written leaves messages, profile and leads as they were', async () => {
    const id = conversationId();
    const before: Profile = { ...emptyProfile(), name: 'Beto' };
    await store.saveTurn(turn(id, `${id}-t1`, { profile: before, leads: [visit('Beto')] }));
    const circular: Record<string, unknown> = { step: 'reply' };
    circular.self = circular;

    await expect(
      store.saveTurn(
        turn(id, `${id}-t2`, {
          profile: { ...before, name: 'Otro' },
          trace: circular,
          leads: [visit('Otro')],
        }),
      ),
    ).rejects.toThrow();

    expect((await store.history(id, 10)).map((m) => m.trackingId)).toEqual([`${id}-t1`, `${id}-t1`]);
    expect((await store.get(id))?.profile.name).toBe('Beto');
    expect(await store.leads(id)).toEqual([visit('Beto')]);
    expect(await store.traces(id)).toHaveLength(1);
    expect(await store.turnReply(`${id}-t2`)).toBeUndefined();
  });

  it('keeps leads in order with their empty fields, per conversation', async () => {
    const id = conversationId();
    const callback: Lead = {
      action: 'callback',
      name: null,
      stockId: null,
      city: null,
      branch: null,
      preferredTime: null,
    };
    await store.saveTurn(turn(id, `${id}-t1`, { leads: [visit('Ana'), callback] }));
    await store.saveTurn(turn(id, `${id}-t2`, { leads: [] }));
    await store.saveTurn(turn(id, `${id}-t3`, { leads: [{ ...visit('Ana'), action: 'test_drive' }] }));
    await store.saveTurn(turn(conversationId(), `${id}-x`, { leads: [visit('Otra')] }));

    expect(await store.leads(id)).toEqual([
      visit('Ana'),
      callback,
      { ...visit('Ana'), action: 'test_drive' },
    ]);
  });

  it('round-trips a profile set outside a turn (eval’s starting profile), creating the conversation', async () => {
    const id = conversationId();
    const empty = emptyProfile();
    const profile: Profile = {
      ...empty,
      name: 'Carla',
      city: 'Monterrey',
      budgetMax: 350_000,
      downPaymentPercent: 0.2,
      termYears: 4,
      lastRecommended: ['305016', '288110'],
      preferences: { ...empty.preferences, make: 'Nissan', bodyTypes: ['suv'], spaceLengthM: 4.5 },
    };
    await store.saveProfile(id, profile);
    expect((await store.get(id))?.profile).toEqual(profile);
    expect((await store.getOrCreate(id)).profile).toEqual(profile);

    const later: Profile = { ...profile, name: 'Carla R.' };
    await store.saveProfile(id, later);
    expect((await store.get(id))?.profile).toEqual(later);
    expect(await store.history(id, 10)).toEqual([]);
  });

  it('opens one conversation when many callers ask for it at once, and never resets it', async () => {
    const id = conversationId();
    const opened = await Promise.all(Array.from({ length: 8 }, () => store.getOrCreate(id)));
    expect(new Set(opened.map((c) => c.createdAt)).size).toBe(1);
    expect(opened.every((c) => c.id === id)).toBe(true);

    const busy = conversationId();
    await Promise.all([1, 2, 3].map((i) => store.saveTurn(turn(busy, `${busy}-t${i}`, { text: `${i}` }))));
    expect(await store.history(busy, 10)).toHaveLength(6);

    await store.saveProfile(id, { ...emptyProfile(), name: 'Dora' });
    expect((await store.getOrCreate(id)).profile.name).toBe('Dora');
  });

  it('keeps accents, emoji and other scripts exactly, in messages, traces, leads and profiles', async () => {
    const id = conversationId();
    const text = '¡Hola! ¿Cuánto cuesta el Versa? 🚗💨 — ñandú, 日本語, 👩‍👩‍👧‍👦, 🇲🇽';
    const trace = { message: text, reply: `Claro 😊 ${text}`, messages: [`Claro 😊 ${text}`] };
    await store.saveTurn(
      turn(id, `${id}-t1`, {
        customerText: text,
        agentText: `Claro 😊 ${text}`,
        profile: { ...emptyProfile(), name: 'José Ñúñez 🙂' },
        trace,
        leads: [visit('José Ñúñez 🙂')],
      }),
    );
    expect((await store.history(id, 10)).map((m) => m.text)).toEqual([text, `Claro 😊 ${text}`]);
    expect(await store.traces(id)).toEqual([trace]);
    expect((await store.leads(id))[0]?.name).toBe('José Ñúñez 🙂');
    expect((await store.get(id))?.profile.name).toBe('José Ñúñez 🙂');
  });

  it('gives back traces whose model calls repeat long prompts exactly as saved, turn after turn', async () => {
    const id = conversationId();
    const prompt = `## Objetivo 🚗 ñ\n${'Clasifica la intención del cliente. '.repeat(120)}`;
    const traceOf = (n: number) => ({
      trackingId: `${id}-t${n}`,
      reply: `r${n}`,
      messages: [`r${n}`],
      spans: [
        {
          type: 'model_call',
          task: 'intents',
          messages: [
            { role: 'system', content: prompt },
            { role: 'user', content: `mensaje ${n}` },
            { role: 'user', content: `${'historial largo '.repeat(80)}${n}` },
          ],
        },
        { type: 'tool_call', tool: 'catalog.search', output: { cars: n } },
      ],
    });
    for (let n = 1; n <= 3; n++) await store.saveTurn(turn(id, `${id}-t${n}`, { trace: traceOf(n) }));
    expect(await store.traces(id)).toEqual([1, 2, 3].map(traceOf));
    expect(await store.turnReply(`${id}-t2`)).toEqual({ reply: 'r2', messages: ['r2'] });
  });

  it('saves a message carrying a NUL character instead of losing the turn', async () => {
    const id = conversationId();
    await store.saveTurn(turn(id, `${id}-t1`, { customerText: 'hola\u0000mundo', trace: { m: 'a\u0000b' } }));
    const [customer] = await store.history(id, 1 + 1);
    // PostgreSQL text cannot hold U+0000: it may come back as U+FFFD, the rest intact.
    expect(['hola\u0000mundo', 'hola\uFFFDmundo']).toContain(customer?.text);
    expect(await store.traces(id)).toHaveLength(1);
  });

  it('fails with an error that says what to do once its database is closed', async () => {
    await opened.close();
    const error = await store.history(conversationId(), 10).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(KavakError.is(error)).toBe(true);
    expect((error as KavakError).message).toMatch(/closed/);
    expect((error as KavakError).hint).toMatch(/run the command again/);
  });
}

function conversationId(): string {
  return `c_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
}

function visit(name: string): Lead {
  return {
    action: 'visit',
    name,
    stockId: '305016',
    city: 'Puebla',
    branch: 'Explanada',
    preferredTime: 'mañana',
  };
}

function turn(id: string, trackingId: string, over: Partial<TurnWrite> & { text?: string } = {}): TurnWrite {
  const { text = trackingId, ...rest } = over;
  return {
    conversationId: id,
    trackingId,
    customerText: `q ${text}`,
    agentText: `a ${text}`,
    profile: emptyProfile(),
    trace: { trackingId },
    leads: [],
    ...rest,
  };
}
