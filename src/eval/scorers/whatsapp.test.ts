import { beforeAll, expect, it } from 'vitest';
import { bareParams, loadTools, type Tools } from '../../../test/eval/scorers/fixtures.js';
import { scoreWhatsapp } from './whatsapp.js';

let tools: Tools;
beforeAll(async () => {
  tools = await loadTools();
});

it('passes a WhatsApp-style reply with *single* bold and a list', () => {
  const reply =
    '¡Claro! Te comparto *3 opciones*:\n1. Toyota Corolla 2020 · $313,999.00\n2. Nissan Versa 2020 · $265,999.00';
  expect(scoreWhatsapp(bareParams(reply, tools, {}))).toMatchObject({
    pass: true,
    score: 1,
    reason: 'WhatsApp-ready: 1 message(s)',
  });
});

it('fails markdown tables and headers', () => {
  const reply = '## Opciones\n| Auto | Precio |\n|---|---|\n| Corolla | $313,999.00 |';
  const result = scoreWhatsapp(bareParams(reply, tools, {}));
  expect(result.pass).toBe(false);
  expect(result.reason).toContain('markdown table');
  expect(result.reason).toContain('markdown header');
  expect(result.score).toBeCloseTo(0.2);
});

it('flags **double bold** as a warning: fails, but keeps most of the score', () => {
  const result = scoreWhatsapp(bareParams('Te queda en **$6,371.06 al mes**.', tools, {}));
  expect(result).toMatchObject({ pass: false, score: 0.9 });
  expect(result.reason).toMatch(/^warning: \*\*double bold\*\*/);
});

it("checks every bubble: the trace's messages, else the reply split as WhatsApp would", () => {
  const params = bareParams('ok', tools, {});
  const tooLong = { ...params, trace: { ...params.trace, messages: ['ok', 'x'.repeat(1700)] } };
  expect(scoreWhatsapp(tooLong).reason).toBe('error: message 2 has 1700 characters (max 1600)');
  const unbreakable = 'x'.repeat(1599) + ' ' + 'y'.repeat(1500);
  expect(scoreWhatsapp(bareParams(unbreakable, tools, {}))).toMatchObject({
    pass: true,
    reason: 'WhatsApp-ready: 2 message(s)',
  });
});

it('fails an empty reply', () => {
  expect(scoreWhatsapp(bareParams('  \n', tools, {}))).toMatchObject({
    pass: false,
    score: 0,
    reason: 'error: the reply is empty',
  });
});

it('fails a reply full of control characters and U+FFFD, naming them', () => {
  const reply = '¡Hola!\u0000\u0000\u0001 Te comparto el precio: \uFFFD\uFFFD\uFFFD';
  const result = scoreWhatsapp(bareParams(reply, tools, {}));
  expect(result).toMatchObject({ pass: false, score: 0 });
  expect(result.reason).toContain('3 control characters (first U+0000 at 6)');
  expect(result.reason).toContain('3 U+FFFD replacement characters');
});
