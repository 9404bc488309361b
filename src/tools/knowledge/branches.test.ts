import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PATHS, packageRoot } from '../../app/config/paths.js';
import { loadKnowledgeBase } from './load-knowledge-base.js';
import type { KnowledgeBase } from './types.js';

const METRO = 'Ciudad de México y Estado de México';

describe('branches in data/knowledge', () => {
  let kb: KnowledgeBase;
  beforeAll(async () => {
    kb = await loadKnowledgeBase(join(packageRoot(), DEFAULT_PATHS.knowledge));
  });

  it('has the 15 branches of kavak-facts.md, city by city', () => {
    expect(kb.branches).toHaveLength(15);
    const names = (city: string): string[] => kb.branches.filter((b) => b.city === city).map((b) => b.name);
    expect(names('Puebla')).toEqual(['Explanada', 'Las Torres']);
    expect(names('Monterrey')).toEqual(['Punto Valle', 'Nuevo Sur']);
    expect(names(METRO)).toEqual([
      'Plaza Fortuna',
      'Patio Santa Fe',
      'Tlalnepantla',
      'El Rosario',
      'Cosmopol',
      'Antara',
      'Artz Pedregal',
    ]);
    expect(names('Guadalajara')).toEqual(['Midtown', 'Punto Sur']);
    expect(names('Querétaro')).toHaveLength(1);
    expect(names('Cuernavaca')).toHaveLength(1);
  });

  it('publishes hours for Explanada only', () => {
    expect(kb.branches.filter((b) => b.hours !== null)).toEqual([
      { name: 'Explanada', city: 'Puebla', hours: '9:00 a 18:00, todos los días' },
    ]);
  });

  it.each([
    ['Puebla', 'Puebla', 2],
    ['PUE', 'Puebla', 2],
    ['Monterrey', 'Monterrey', 2],
    ['mty', 'Monterrey', 2],
    ['Monterrey, N.L.', 'Monterrey', 2],
    ['CDMX', METRO, 7],
    ['D.F.', METRO, 7],
    ['df', METRO, 7],
    ['Ciudad de Mexico', METRO, 7],
    ['ciudad de méxico', METRO, 7],
    ['Edomex', METRO, 7],
    ['Estado de México', METRO, 7],
    ['GDL', 'Guadalajara', 2],
    ['guadalajara', 'Guadalajara', 2],
    ['Qro', 'Querétaro', 1],
    ['Queretaro', 'Querétaro', 1],
    ['Santiago de Querétaro', 'Querétaro', 1],
    ['Cuernavaca', 'Cuernavaca', 1],
  ])('branchesIn(%j) → %s with %i', (asked, city, count) => {
    const found = kb.branchesIn(asked);
    expect(found.hasBranch).toBe(true);
    expect(found.city).toBe(city);
    expect(found.branches).toHaveLength(count);
  });

  it.each([
    ['Mérida', 'Mérida'],
    ['mérida', 'Mérida'],
    ['  san luis   potosí ', 'San Luis Potosí'],
    ['CIUDAD DEL CARMEN', 'Ciudad del Carmen'],
    ['México', 'México'],
  ])('a city without a branch: %j → %s', (asked, city) => {
    expect(kb.branchesIn(asked)).toEqual({ hasBranch: false, city, branches: [] });
  });

  it('does not let a caller change the loaded branches', () => {
    const found = kb.branchesIn('Puebla');
    found.branches.pop();
    expect(kb.branchesIn('Puebla').branches).toHaveLength(2);
  });
});
