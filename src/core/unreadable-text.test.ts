import { describe, expect, it } from 'vitest';
import { describeUnreadable, findUnreadable } from './unreadable-text.js';

describe('findUnreadable', () => {
  it('finds nothing in ordinary Spanish WhatsApp text, emoji sequences included', () => {
    const text =
      '¡Hola! 👋 Te comparto *3 opciones*:\n\t1. Toyota Corolla 2020\r\n2. Nissan Versa · $265,999.00 👨‍👩‍👧 ñáé';
    expect(findUnreadable(text)).toEqual([]);
  });

  it('names each kind with its count and where it starts', () => {
    const text = `ok\u0000\u0007 hola\u0085 precio \uFFFD\uFFFD ${'\uD83D'}x \uFFFF fin\u200B\u200B\u200B.\rx`;
    const found = Object.fromEntries(findUnreadable(text).map((f) => [f.kind, f]));
    expect(found.control).toMatchObject({ count: 4, firstIndex: 2, firstCodePoint: 'U+0000' });
    expect(found.replacement).toMatchObject({ count: 2, firstCodePoint: 'U+FFFD' });
    expect(found['lone-surrogate']).toMatchObject({ count: 1, firstCodePoint: 'U+D83D' });
    expect(found.noncharacter).toMatchObject({ count: 1 });
    expect(found['zero-width-run']).toMatchObject({ count: 3, firstCodePoint: 'U+200B' });
  });

  it('leaves a single zero-width joiner alone and a lone trailing low surrogate not', () => {
    expect(findUnreadable('a\u200Db')).toEqual([]);
    expect(findUnreadable('fin\uDC00').map((f) => f.kind)).toEqual(['lone-surrogate']);
  });

  it('describes findings in one line', () => {
    expect(describeUnreadable(findUnreadable('a\u0000b\uFFFD'))).toBe(
      '1 control character (first U+0000 at 1); 1 U+FFFD replacement character (first U+FFFD at 3)',
    );
    expect(describeUnreadable(findUnreadable('x\u200B\u200B'))).toBe(
      '2 zero-width characters in a row (first U+200B at 1)',
    );
  });
});
