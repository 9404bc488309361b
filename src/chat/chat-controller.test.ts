import { cpSync, existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ModelCallError } from '../runtime/errors.js';
import { chatFixture, echoDraftScript, REPO } from '../../test/chat/chat-fixture.js';
import { streamedText, type ChatEntry } from './chat-state.js';

const texts = (entries: ChatEntry[], kind: ChatEntry['kind']) =>
  entries.filter((e) => e.kind === kind).map((e) => e.text);

describe('ChatController', () => {
  it('answers a message from the catalog and keeps the trace and the running totals', async () => {
    const fx = await chatFixture();
    const chat = await fx.controller();
    const outcome = await chat.submit('Hola, busco un Versa');
    expect(outcome.kind).toBe('reply');
    const state = chat.getState();
    expect(texts(state.entries, 'customer')).toEqual(['Hola, busco un Versa']);
    expect(texts(state.entries, 'agent')[0]).toMatch(/Nissan Versa 20\d\d/);
    expect(state.lastTrace?.intents.map((i) => i.type)).toEqual(['car_recommendation']);
    expect(state.totals).toMatchObject({ turns: 1, inputTokens: 320, outputTokens: 110 });
    expect(state.pending).toBeNull();
    // Stored, so the conversation can be resumed.
    expect(await fx.store.history(state.conversationId, 10)).toHaveLength(2);
  });

  it('streams the reply into the pending turn while it arrives, then replaces it with the final reply', async () => {
    const fx = await chatFixture({ stream: true });
    const chat = await fx.controller();
    const seen: string[] = [];
    chat.subscribe(() => {
      const pending = chat.getState().pending;
      if (pending) seen.push(streamedText(pending));
    });
    await chat.submit('busco un Versa');
    const partial = [...new Set(seen.filter(Boolean))];
    expect(partial.length).toBeGreaterThan(1);
    const reply = texts(chat.getState().entries, 'agent')[0]!;
    expect(reply.startsWith(partial[0]!)).toBe(true);
    expect(chat.getState().pending).toBeNull();
  });

  it('shows a model error with what to do, and the session goes on', async () => {
    const fx = await chatFixture({
      script: (request, i) =>
        i === 0
          ? new ModelCallError('429 Too Many Requests', { kind: 'rate_limit', status: 429 })
          : echoDraftScript(request, i),
    });
    const chat = await fx.controller();
    const failed = await chat.submit('busco un Versa');
    expect(failed).toMatchObject({
      kind: 'failed',
      text: expect.stringContaining('rate_limit 429') as string,
    });
    const error = chat.getState().entries.find((e) => e.kind === 'error');
    expect(error?.hint).toMatch(/wait and retry/);
    expect(error?.hint).toMatch(/\/retry/);
    expect(chat.getState().pending).toBeNull();

    const retried = await chat.submit('/retry');
    expect(retried.kind).toBe('reply');
    expect(texts(chat.getState().entries, 'agent')[0]).toContain('Versa');
  });

  it('/reset starts a new conversation, /help lists the commands, unknown commands get a hint', async () => {
    const fx = await chatFixture();
    const chat = await fx.controller();
    await chat.submit('hola');
    const first = chat.getState().conversationId;
    await chat.submit('/reset');
    const state = chat.getState();
    expect(state.conversationId).not.toBe(first);
    expect(state).toMatchObject({ lastTrace: null, lastMessage: undefined, totals: { turns: 0 } });

    const help = await chat.submit('/help');
    expect(help.kind === 'notice' && help.text).toContain('/save <id>');
    const unknown = await chat.submit('/sav x');
    expect(unknown).toMatchObject({ kind: 'notice', text: 'Unknown command /sav.' });
  });

  it('/runtime and /model switch what answers without a restart', async () => {
    const fx = await chatFixture();
    const chat = await fx.controller();
    await chat.submit('/model gpt-4.1-mini');
    expect(chat.getState().runtime).toEqual({ runtime: 'openai', model: 'gpt-4.1-mini' });
    await chat.submit('busco un Versa');
    const calls = chat.getState().lastTrace!.spans.filter((s) => s.type === 'model_call');
    expect(calls.map((s) => s.model)).toContain('gpt-4.1-mini');

    await chat.submit('/runtime offline');
    expect(chat.getState().runtime).toEqual({ runtime: 'offline', model: 'offline' });
    const refused = await chat.submit('/model gpt-4o');
    expect(refused).toMatchObject({
      kind: 'notice',
      hint: expect.stringContaining('/runtime openai') as string,
    });
    expect(fx.switched).toEqual([
      { runtime: 'openai', model: 'gpt-4.1-mini' },
      { runtime: 'offline', model: 'offline' },
    ]);
  });

  it('/reload makes the next turn use an edited prompt file', async () => {
    const prompts = mkdtempSync(join(tmpdir(), 'kavak-prompts-'));
    cpSync(join(REPO, 'prompts'), prompts, { recursive: true });
    const fx = await chatFixture({ promptsDir: prompts });
    const chat = await fx.controller();
    const systemOf = () =>
      chat
        .getState()
        .lastTrace!.spans.flatMap((s) => (s.type === 'model_call' && s.task === 'reply' ? s.messages : []))
        .map((m) => m.content)
        .join('\n');

    await chat.submit('busco un Versa');
    expect(systemOf()).not.toContain('MARCA-DE-PRUEBA');
    const guide = join(prompts, 'agents/cars.md');
    writeFileSync(
      guide,
      readFileSync(guide, 'utf8').replace('## Guía', '## Guía\nMARCA-DE-PRUEBA: menciona la garantía.'),
    );

    await chat.submit('/retry');
    expect(systemOf()).not.toContain('MARCA-DE-PRUEBA'); // cached until /reload
    const reloaded = await chat.submit('/reload');
    expect(reloaded).toMatchObject({ kind: 'notice', text: expect.stringContaining('100 cars') as string });
    await chat.submit('/retry');
    expect(systemOf()).toContain('MARCA-DE-PRUEBA');
  });

  it('/save writes the conversation as a golden-set case with draft expectations', async () => {
    const fx = await chatFixture();
    const chat = await fx.controller();
    const empty = await chat.submit('/save nada');
    expect(empty).toMatchObject({
      kind: 'error',
      text: expect.stringContaining('nothing to save') as string,
    });

    await chat.submit('hola');
    await chat.submit('busco un Versa');
    const saved = await chat.submit('/save versa-basico');
    expect(saved).toMatchObject({
      kind: 'notice',
      text: 'Saved case "versa-basico" (2 turn(s)) to golden-set/versa-basico.yaml.',
    });
    const file = parse(readFileSync(join(fx.dir, 'golden-set/versa-basico.yaml'), 'utf8')) as {
      cases: {
        id: string;
        tags: string[];
        turns: {
          user: string;
          expect: { intents: string[]; keywords?: { any: string[] }; facts: boolean };
        }[];
      }[];
    };
    expect(file.cases).toHaveLength(1);
    const [testCase] = file.cases;
    expect(testCase).toMatchObject({ id: 'versa-basico', title: 'hola', tags: ['chat-saved'] });
    expect(testCase!.turns.map((t) => t.user)).toEqual(['hola', 'busco un Versa']);
    expect(testCase!.turns[0]!.expect).toEqual({ intents: ['greeting'], facts: true });
    expect(testCase!.turns[1]!.expect.intents).toEqual(['car_recommendation']);
    expect(testCase!.turns[1]!.expect.keywords?.any).toContain('Versa');

    const again = await chat.submit('/save versa-basico');
    expect(again).toMatchObject({ kind: 'error', hint: 'Pick another id: /save <new-id>.' });
  });

  it('/export writes the conversation and its traces as JSON', async () => {
    const fx = await chatFixture();
    const chat = await fx.controller();
    await chat.submit('busco un Versa');
    const outcome = await chat.submit('/export out/chat.json');
    expect(outcome).toMatchObject({
      kind: 'notice',
      text: 'Exported 1 turn(s) with their traces to out/chat.json.',
    });
    const exported = JSON.parse(readFileSync(join(fx.dir, 'out/chat.json'), 'utf8')) as {
      conversationId: string;
      messages: { role: string }[];
      traces: { trackingId: string }[];
    };
    expect(exported.conversationId).toBe(chat.getState().conversationId);
    expect(exported.messages.map((m) => m.role)).toEqual(['customer', 'agent']);
    expect(exported.traces[0]?.trackingId).toBe(chat.getState().lastTrace?.trackingId);
  });

  it('/export stays in the working folder and never replaces a file unless told to', async () => {
    const fx = await chatFixture();
    const chat = await fx.controller();
    await chat.submit('busco un Versa');
    const id = chat.getState().conversationId;

    // Without a name: a fresh file each time, the earlier export kept.
    expect(await chat.submit('/export')).toMatchObject({
      text: expect.stringContaining(`kavak-chat-${id}.json`),
    });
    expect(await chat.submit('/export')).toMatchObject({
      text: expect.stringContaining(`kavak-chat-${id}-2.json`),
    });

    writeFileSync(join(fx.dir, 'notes.json'), 'my notes');
    expect(await chat.submit('/export notes.json')).toMatchObject({
      kind: 'error',
      text: 'Export failed: notes.json already exists.',
      hint: 'Overwrite it with /export notes.json --force, or pick another name.',
    });
    expect(readFileSync(join(fx.dir, 'notes.json'), 'utf8')).toBe('my notes');
    expect(await chat.submit('/export notes.json --force')).toMatchObject({ kind: 'notice' });
    expect(JSON.parse(readFileSync(join(fx.dir, 'notes.json'), 'utf8'))).toMatchObject({
      conversationId: id,
    });

    const outside = join(mkdtempSync(join(tmpdir(), 'kavak-outside-')), 'chat.json');
    symlinkSync(dirname(outside), join(fx.dir, 'link'));
    for (const path of ['../chat.json', outside, 'link/chat.json']) {
      expect(await chat.submit(`/export ${path} --force`)).toMatchObject({
        kind: 'error',
        hint: 'Give a path inside it, e.g. /export exports/chat.json.',
      });
    }
    expect(existsSync(outside)).toBe(false);
    expect(existsSync(join(fx.dir, '..', 'chat.json'))).toBe(false);
  });

  it('resumes a stored conversation: its messages, last trace and totals come back', async () => {
    const fx = await chatFixture();
    const first = await fx.controller();
    await first.submit('busco un Versa');
    const id = first.getState().conversationId;

    const resumed = await fx.controller({ conversationId: id });
    const state = resumed.getState();
    expect(state.conversationId).toBe(id);
    expect(texts(state.entries, 'customer')).toEqual(['busco un Versa']);
    expect(state.lastTrace?.trackingId).toBe(first.getState().lastTrace?.trackingId);
    expect(state.totals.turns).toBe(1);
    expect(state.lastMessage).toBe('busco un Versa');

    const unknown = (await fx.controller({ conversationId: 'c_nuevo' })).getState();
    expect(unknown.conversationId).toBe('c_nuevo');
    expect(texts(unknown.entries, 'notice')[0]).toContain('No stored conversation c_nuevo');
  });

  it('refuses a second message and most commands while a turn runs', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const fx = await chatFixture({
      script: async (request, i) => {
        await gate;
        return echoDraftScript(request, i);
      },
    });
    const chat = await fx.controller();
    const running = chat.submit('busco un Versa');
    expect(chat.busy).toBe(true);
    expect(await chat.submit('otra cosa')).toMatchObject({
      kind: 'notice',
      text: 'The agent is still answering.',
    });
    expect(await chat.submit('/reset')).toMatchObject({
      kind: 'notice',
      text: 'The agent is still answering.',
    });
    expect((await chat.submit('/trace')).kind).toBe('trace');
    release();
    expect((await running).kind).toBe('reply');
  });
});
