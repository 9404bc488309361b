import { beforeAll, expect, it } from 'vitest';
import { bareParams, loadTools, type Tools } from '../../../test/eval/scorers/fixtures.js';
import { scoreLength } from './length.js';

let tools: Tools;
beforeAll(async () => {
  tools = await loadTools();
});

it('passes within min/max and fails outside with the count', () => {
  expect(scoreLength(bareParams('x'.repeat(50), tools, { length: { min: 10, max: 100 } }))).toMatchObject({
    pass: true,
    score: 1,
  });
  const short = scoreLength(bareParams('hola', tools, { length: { min: 20 } }));
  expect(short).toMatchObject({
    pass: false,
    score: 0.2,
    reason: 'too short: 4 characters, expected at least 20',
  });
  const long = scoreLength(bareParams('x'.repeat(400), tools, { length: { max: 300 } }));
  expect(long).toMatchObject({
    pass: false,
    score: 0.75,
    reason: 'too long: 400 characters, expected at most 300',
  });
});

it('fails a reply of the right length made of unreadable characters', () => {
  const reply = `Hola ${'\u0000'.repeat(40)} ${'\uFFFD'.repeat(10)}`;
  const result = scoreLength(bareParams(reply, tools, { length: { min: 10, max: 300 } }));
  expect(result).toMatchObject({ pass: false, score: 0 });
  expect(result.reason).toMatch(/^unreadable characters: 40 control characters .*10 U\+FFFD/);
});
