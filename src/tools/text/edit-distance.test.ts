import { describe, expect, it } from 'vitest';

import { editDistance } from './edit-distance.js';

describe('editDistance', () => {
  it('counts an adjacent swap as one edit and stops above the ceiling', () => {
    expect(editDistance('toyota', 'toyota', { max: 1 })).toBe(0);
    expect(editDistance('toyta', 'toyota', { max: 1 })).toBe(1);
    expect(editDistance('nsisan', 'nissan', { max: 1 })).toBe(1);
    expect(editDistance('wolksvagen', 'volkswagen', { max: 2 })).toBe(2); // w↔v twice
    expect(editDistance('wolksvagen', 'volkswagen', { max: 1 })).toBe(2); // stops at max + 1
    expect(editDistance('audi', 'volvo', { max: 1 })).toBe(2);
  });

  it('without substitutions a changed letter costs a deletion and an insertion', () => {
    expect(editDistance('manda', 'mazda', { substitution: false })).toBe(2);
    expect(editDistance('manda', 'mazda')).toBe(1);
  });
});
