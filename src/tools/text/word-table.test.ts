import { describe, expect, it } from 'vitest';
import { findNumbers } from './numbers.js';
import { tokenize } from './tokens.js';
import { NUMBER_WORDS } from './spanish-numbers.js';

describe('word tables', () => {
  it('find nothing for Object.prototype names a customer may write', () => {
    expect(NUMBER_WORDS['constructor']).toBeUndefined();
    expect(NUMBER_WORDS['tostring']).toBeUndefined();
    expect(NUMBER_WORDS['dos']).toBe(2);
  });

  it('"soy constructor" is no number, and "dos" before it stays 2', () => {
    // Before, "constructor" matched Object.prototype.constructor: a number mention worth NaN.
    expect(findNumbers(tokenize('soy constructor de casas'))).toEqual([]);
    expect(findNumbers(tokenize('dos constructor')).map((n) => n.value)).toEqual([2]);
    expect(findNumbers(tokenize('valueof mil')).map((n) => n.value)).toEqual([1000]);
  });
});
