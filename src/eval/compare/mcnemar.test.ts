import { describe, expect, it } from 'vitest';
import { mcnemarExact } from './mcnemar.js';

describe("McNemar's exact test", () => {
  it('gives p = 1 when no case changed', () => {
    expect(mcnemarExact(0, 0).pValue).toBe(1);
  });

  it('gives p = 2/1024 when 10 cases broke and none got fixed', () => {
    expect(mcnemarExact(10, 0).pValue).toBeCloseTo(0.001953, 6);
  });

  it('calls 5 broken vs 3 fixed noise (p = 2·93/256)', () => {
    expect(mcnemarExact(5, 3).pValue).toBeCloseTo(0.7266, 4);
  });

  it('is symmetric in b and c and never exceeds 1', () => {
    expect(mcnemarExact(3, 5).pValue).toBe(mcnemarExact(5, 3).pValue);
    expect(mcnemarExact(4, 4).pValue).toBe(1);
  });

  it('does not underflow on large runs', () => {
    const { pValue } = mcnemarExact(700, 600);
    expect(pValue).toBeGreaterThan(0);
    expect(pValue).toBeLessThan(0.01);
    expect(mcnemarExact(1200, 1200).pValue).toBe(1);
  });

  it('rejects counts that are not whole and non-negative', () => {
    expect(() => mcnemarExact(-1, 2)).toThrow(RangeError);
    expect(() => mcnemarExact(1.5, 2)).toThrow(RangeError);
  });
});
