import { describe, expect, it } from 'vitest';
import { GoldenSetError } from './errors.js';
import { matchesFilter, parseFilter } from './filter.js';

const versa = { id: 'cars-versa-2020', title: 'Busca un Versa 2020', tags: ['cars', 'single-intent'] };
const memory = { id: 'memory-cheaper', title: 'Pide algo más barato', tags: ['memory', 'multi-turn'] };
const all = [versa, memory];

const select = (filter: string): string[] => all.filter(parseFilter(filter)).map((c) => c.id);

describe('matchesFilter', () => {
  it('selects by exact id, not by a part of it', () => {
    expect(matchesFilter(versa, 'cars-versa-2020')).toBe(true);
    expect(matchesFilter(versa, 'cars-versa')).toBe(false);
  });

  it('selects by tag, written tag:x or as a plain word', () => {
    expect(select('tag:memory')).toEqual(['memory-cheaper']);
    expect(select('memory')).toEqual(['memory-cheaper']);
    expect(select('tag:cars-versa-2020')).toEqual([]);
    expect(select('id:memory')).toEqual([]);
  });

  it('selects by regex over id, title and tags, with flags', () => {
    expect(select('/^cars-/')).toEqual(['cars-versa-2020']);
    expect(select('/BARATO/i')).toEqual(['memory-cheaper']);
    expect(select('/multi-/')).toEqual(['memory-cheaper']);
    expect(select('/versa|cheaper/')).toEqual(['cars-versa-2020', 'memory-cheaper']);
    expect(select('/a{1,3}x/')).toEqual([]);
  });

  it('takes comma-separated alternatives', () => {
    expect(select('cars-versa-2020, tag:memory')).toEqual(['cars-versa-2020', 'memory-cheaper']);
    expect(select(' , ')).toEqual(['cars-versa-2020', 'memory-cheaper']);
  });

  it('rejects a bad regex with a GoldenSetError', () => {
    expect(() => parseFilter('/[/')).toThrow(GoldenSetError);
  });
});
