import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { chatFixture, echoDraftScript } from '../../../test/chat/chat-fixture.js';
import { ChatApp } from './ChatApp.js';

const TAB = '\t';
const ENTER = '\r';
const UP = '\u001B[A';
const CTRL_P = '\u0010';

/** Waits until the screen shows what the test expects (Ink renders asynchronously). */
async function screenShows(
  lastFrame: () => string | undefined,
  pattern: RegExp,
  timeoutMs = 3000,
): Promise<string> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const frame = lastFrame() ?? '';
    if (pattern.test(frame)) return frame;
    if (Date.now() > until) throw new Error(`The screen never showed ${pattern}. Last frame:\n${frame}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function typeLine(stdin: { write(data: string): void }, text: string) {
  stdin.write(text);
  await new Promise((r) => setTimeout(r, 20));
  stdin.write(ENTER);
}

describe('<ChatApp>', () => {
  it('shows the new conversation, answers a typed message, and the status line counts the turn', async () => {
    const fx = await chatFixture({ stream: true });
    const chat = await fx.controller();
    const { lastFrame, stdin, unmount } = render(<ChatApp controller={chat} />);
    const id = chat.getState().conversationId;
    await screenShows(lastFrame, new RegExp(`New conversation ${id}`));
    expect(lastFrame()).toContain(`openai · gpt-4o-mini · ${id} · 0 turn(s)`);

    await typeLine(stdin, 'busco un Versa');
    const frame = await screenShows(lastFrame, /1 turn\(s\)/);
    expect(frame).toContain('You');
    expect(frame).toContain('busco un Versa');
    expect(frame).toMatch(/Kavak[\s\S]*Nissan Versa/);
    expect(frame).toContain('430 tokens');
    unmount();
  });

  it('Tab toggles the trace panel with the intent, the tool result and the tracking id', async () => {
    const fx = await chatFixture();
    const chat = await fx.controller();
    const { lastFrame, stdin, unmount } = render(<ChatApp controller={chat} />);
    await typeLine(stdin, 'busco un Versa');
    await screenShows(lastFrame, /1 turn\(s\)/);
    expect(lastFrame()).not.toContain('Intents');

    stdin.write(TAB);
    const frame = await screenShows(lastFrame, /Intents/);
    expect(frame).toContain('car_recommendation (0.93) make=Nissan model=Versa');
    expect(frame).toMatch(/catalog\.search .*Nissan Versa/);
    expect(frame).toContain(chat.getState().lastTrace!.trackingId);

    stdin.write(TAB);
    await screenShows(lastFrame, /^(?![\s\S]*Intents)/);
    unmount();
  });

  it('Ctrl+P shows the rendered messages of every model call, repair turns included, hidden by default', async () => {
    // The intents answer is prose, then JSON: the repair retry adds an assistant and a user turn.
    const fx = await chatFixture({
      script: (request, i) => (i === 0 ? 'Claro, te ayudo.' : echoDraftScript(request, i)),
    });
    const chat = await fx.controller();
    const { lastFrame, stdin, unmount } = render(<ChatApp controller={chat} />);
    await typeLine(stdin, 'busco un Versa');
    await screenShows(lastFrame, /1 turn\(s\)/);
    expect(lastFrame()).not.toContain('Eres el clasificador de intenciones');

    stdin.write(CTRL_P);
    const frame = await screenShows(lastFrame, /Prompts/);
    expect(frame).toMatch(/intents · scripted[\s\S]*intents \(attempt 2\)[\s\S]*reply · scripted/);
    expect(frame).toContain('[system]');
    expect(frame).toContain('Eres el clasificador de intenciones del asistente de ventas de Kavak');
    // Between lines of a bordered box: the border and padding.
    expect(frame).toMatch(
      /\[assistant\][\s│]+Claro, te ayudo\.[\s│]+\[user\][\s│]+Tu respuesta no es válida/,
    );
    expect(frame).toContain('BORRADOR:');

    stdin.write(CTRL_P);
    await screenShows(lastFrame, /^(?![\s\S]*Prompts)/);
    unmount();
  });

  it('shows an intents fallback and its reason in the trace panel', async () => {
    const fx = await chatFixture({
      script: (request, i) => (request.task.name === 'intents' ? 'Claro.' : echoDraftScript(request, i)),
    });
    const chat = await fx.controller();
    const { lastFrame, stdin, unmount } = render(<ChatApp controller={chat} />);
    await typeLine(stdin, 'busco un Versa');
    await screenShows(lastFrame, /1 turn\(s\)/);
    stdin.write(TAB);
    const frame = await screenShows(lastFrame, /Intents/);
    expect(frame).toContain('intents fallback: no es JSON válido (answered as out_of_scope)');
    expect(frame).not.toContain('out_of_scope (0.00)');
    unmount();
  });

  it('shows a model error as a message with a hint; ↑ brings the message back and /retry answers', async () => {
    const fx = await chatFixture({
      script: (request, i) => (i === 0 ? new Error('socket hang up') : echoDraftScript(request, i)),
    });
    const chat = await fx.controller();
    const { lastFrame, stdin, unmount } = render(<ChatApp controller={chat} />);
    await typeLine(stdin, 'busco un Versa');
    const failed = await screenShows(lastFrame, /Unexpected error: socket hang up/);
    expect(failed).toContain('/retry sends it again');

    stdin.write(UP);
    await screenShows(lastFrame, /› busco un Versa/);
    stdin.write('\u0015'); // Ctrl+U clears the line
    await typeLine(stdin, '/retry');
    await screenShows(lastFrame, /1 turn\(s\)/);
    expect(lastFrame()).toMatch(/Kavak[\s\S]*Nissan Versa/);
    unmount();
  });

  it('/quit ends the app', async () => {
    const fx = await chatFixture();
    const chat = await fx.controller();
    const { stdin, lastFrame, frames } = render(<ChatApp controller={chat} />);
    await screenShows(lastFrame, /New conversation/);
    await typeLine(stdin, '/quit');
    await new Promise((r) => setTimeout(r, 100));
    const count = frames.length;
    stdin.write('x');
    await new Promise((r) => setTimeout(r, 100));
    expect(frames.length).toBe(count); // unmounted: typing renders nothing
  });
});
