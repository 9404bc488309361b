import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PATHS, packageRoot } from '../../app/config/paths.js';
import { loadKnowledgeBase } from './load-knowledge-base.js';
import type { KnowledgeBase } from './types.js';

/**
 * Every number kavak-facts.md gives for the knowledge base. A number in data/knowledge that is
 * not here was invented (a phone, a price, a point count) and must go.
 */
const KNOWN_NUMBERS = new Set([
  '15',
  '13', // sedes, centros de inspección
  '2',
  '1',
  '7', // sedes per city
  '9:00',
  '18:00', // Explanada's hours
  '300',
  '3', // 7 días o 300 km; garantía de 3 meses, extensible 1 año
  '30', // pago en 30 días
  '4',
  '10',
  '36',
  '48',
  '60',
  '72',
  '6', // 4 pasos, menos de 2 minutos, 10% anual, plazos, enganche 10%
]);

describe('the knowledge files', () => {
  const dir = join(packageRoot(), DEFAULT_PATHS.knowledge);
  let files: { name: string; text: string }[];
  let kb: KnowledgeBase;
  beforeAll(async () => {
    const names = (await readdir(dir)).filter((name) => name.endsWith('.md'));
    files = await Promise.all(
      names.map(async (name) => ({ name, text: await readFile(join(dir, name), 'utf8') })),
    );
    kb = await loadKnowledgeBase(dir);
  });

  it('hold no number that kavak-facts.md does not give', () => {
    const stray = files.flatMap(({ name, text }) =>
      [...text.matchAll(/\d+(?:[:.,]\d+)*/g)]
        .map((m) => m[0])
        .filter((n) => !KNOWN_NUMBERS.has(n))
        .map((n) => `${name}: ${n}`),
    );
    expect(stray).toEqual([]);
  });

  it('hold no prices, tables or headings other than ## titles', () => {
    for (const { name, text } of files) {
      expect(text, name).not.toMatch(/\$/);
      expect(text, name).not.toMatch(/^\s*\|/m);
      expect(text, name).not.toMatch(/^#(?!# )/m);
      expect(text, name).not.toMatch(/^###/m);
    }
  });

  it('keep paragraphs short enough for WhatsApp', () => {
    for (const section of kb.sections) {
      for (const paragraph of section.body.split('\n'))
        expect(paragraph.length, section.id).toBeLessThanOrEqual(240);
    }
  });

  it('state the facts of kavak-facts.md', () => {
    const body = (id: string): string =>
      kb.sections.find((s) => s.id === id)?.body ?? `missing section ${id}`;
    expect(body('periodo-de-prueba-y-devolucion')).toMatch(/7 días o 300 km/);
    expect(body('garantia')).toMatch(/3 meses/);
    expect(body('garantia')).toMatch(/1 año/);
    expect(body('inspeccion-de-los-autos')).toMatch(/exterior, interior y motor/);
    expect(body('vender-tu-auto-a-kavak')).toMatch(/Pago inmediato[\s\S]*30 días[\s\S]*Consignación/);
    expect(body('auto-a-cuenta')).toMatch(/enganche/);
    expect(body('financiamiento-como-funciona')).toMatch(/menos de 2 minutos[\s\S]*4 pasos/);
    expect(body('financiamiento-documentos')).toMatch(/INE[\s\S]*pasaporte[\s\S]*domicilio[\s\S]*ingresos/);
    const plan = body('financiamiento-como-calculamos-tu-plan');
    expect(plan).toMatch(/10% anual|anual del 10%/);
    expect(plan).toMatch(/36, 48, 60 o 72 meses/);
    expect(plan).toMatch(/mínimo es el 10%/);
    expect(body('la-app-y-kavak-total')).toMatch(/2 servicios básicos a partir del mes 6/);
    expect(body('donde-estan-nuestras-sedes')).toMatch(/15 sedes y 13 centros de inspección/);
    for (const unknown of ['CAT', 'seguro', 'Comisiones', 'Meses sin intereses', 'aprobado']) {
      expect(body('lo-que-no-se-te-comunico-con-un-asesor')).toContain(unknown);
    }
  });

  it('never claim a number of inspection points', () => {
    for (const section of kb.sections) expect(section.body).not.toMatch(/\d+\s*puntos/);
  });
});
