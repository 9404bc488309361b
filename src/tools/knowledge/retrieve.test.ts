import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PATHS, packageRoot } from '../../app/config/paths.js';
import { loadKnowledgeBase } from './load-knowledge-base.js';
import type { KnowledgeBase } from './types.js';

describe('retrieve on data/knowledge', () => {
  let kb: KnowledgeBase;
  beforeAll(async () => {
    kb = await loadKnowledgeBase(join(packageRoot(), DEFAULT_PATHS.knowledge));
  });

  it.each([
    ['¿tienen garantía?', 'garantia'],
    ['¿puedo devolver el auto?', 'periodo-de-prueba-y-devolucion'],
    ['¿cuántos kilómetros puedo manejar de prueba?', 'periodo-de-prueba-y-devolucion'],
    ['¿dónde están?', 'donde-estan-nuestras-sedes'],
    ['¿tienen sucursal en Monterrey?', 'sedes-en-monterrey'],
    ['¿a qué hora abren en Puebla?', 'sedes-en-puebla'],
    ['¿hacen envíos a Mérida?', 'ciudades-sin-sede'],
    ['¿qué documentos necesito para el crédito?', 'financiamiento-documentos'],
    ['¿cómo funciona el financiamiento?', 'financiamiento-como-funciona'],
    ['¿cuál es la tasa de interés?', 'financiamiento-como-calculamos-tu-plan'],
    ['¿cuál es el enganche mínimo?', 'financiamiento-como-calculamos-tu-plan'],
    ['quiero vender mi carro', 'vender-tu-auto-a-kavak'],
    ['¿puedo dejar mi auto a cuenta?', 'auto-a-cuenta'],
    ['¿cuánto es el CAT?', 'lo-que-no-se-te-comunico-con-un-asesor'],
    ['¿tienen meses sin intereses?', 'lo-que-no-se-te-comunico-con-un-asesor'],
    ['¿me van a aprobar?', 'lo-que-no-se-te-comunico-con-un-asesor'],
    ['¿qué es Kavak?', 'que-es-kavak'],
    ['¿me lo llevan a mi casa?', 'compra-digital-videollamada-y-prueba-de-manejo-a-domicilio'],
    ['¿revisan el motor?', 'inspeccion-de-los-autos'],
    ['¿qué incluye Kavak Total?', 'la-app-y-kavak-total'],
    ['¿dónde agendo el servicio?', 'mantenimiento'],
  ])('%s → %s first', (question, id) => {
    expect(kb.retrieve(question)[0]?.id).toBe(id);
  });

  it('answers a city without a branch with the general or no-branch section, not another city', () => {
    for (const question of ['¿tienen sucursal en Mérida?', '¿tienen sede en Cancún?']) {
      expect(['donde-estan-nuestras-sedes', 'ciudades-sin-sede']).toContain(kb.retrieve(question)[0]?.id);
    }
  });

  it.each(['¿Cómo va a estar el clima mañana?', '¿Quién ganó el partido?', 'Hola, buenos días', '', '???'])(
    'returns nothing for %j',
    (question) => {
      expect(kb.retrieve(question)).toEqual([]);
    },
  );

  it('respects the limit and returns the loaded sections themselves', () => {
    const results = kb.retrieve('garantía financiamiento sedes auto', { limit: 2 });
    expect(results).toHaveLength(2);
    for (const section of results) expect(kb.sections).toContain(section);
  });

  it('keeps keyword comments out of the bodies', () => {
    for (const section of kb.sections) expect(section.body).not.toContain('<!--');
    expect(kb.sections.find((s) => s.id === 'garantia')?.keywords).toContain('falla');
  });
});
