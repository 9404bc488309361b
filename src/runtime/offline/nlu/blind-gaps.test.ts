import { describe, expect, it } from 'vitest';
import { emptyProfile } from '../../../core/profile.js';
import { extractIntents } from './extract-intents.js';

function read(message: string, profile = emptyProfile()) {
  return extractIntents({ message, history: [], profile }).intents;
}

/** The profile after an answer about one car (a single result). */
function focusedOn(stockId: string) {
  return { ...emptyProfile(), carUnderDiscussion: stockId, lastRecommended: [stockId] };
}

describe('found by the blind set', () => {
  it('a bare "qué mal" or "nadie me avisó" is a complaint, not something out of scope', () => {
    for (const message of [
      'ay q gacho, nadie me explico nada',
      'que pesimo!! nadie me informo de eso',
      'q mala onda',
    ])
      expect(read(message)[0]?.entities.socialKind, message).toBe('complaint');
    // "qué mal estado" describes a car, it does not complain.
    expect(read('que mal estado tiene el jetta?').map((i) => i.type)).not.toContain('social');
  });

  it('"¿cómo sería la compra?" after an "ok" asks how buying works', () => {
    for (const message of ['va y como va a ser la compra?', 'ok, como es mi compra entonces']) {
      const intents = read(message);
      expect(
        intents.map((i) => i.type),
        message,
      ).toContain('kavak_info');
      expect(intents.find((i) => i.type === 'kavak_info')?.entities.infoTopic).toBe('buying_process');
    }
  });

  it('a singular "ese"/"esa" is the car just talked about; "este sábado" is not', () => {
    const profile = focusedOn('290164');
    for (const message of ['y esa en cuanto sale?', 'ese carro que año es', 'aquel trae bluetooth?'])
      expect(read(message, profile)[0]?.entities.stockId, message).toBe('290164');
    expect(read('puedo ir este sabado?', profile)[0]?.entities.stockId).toBeNull();
    // After a list of several, "ese" is ambiguous: no guess.
    const list = { ...profile, lastRecommended: ['290164', '316168', '301051'] };
    expect(read('cuanto cuesta ese?', list)[0]?.entities.stockId).toBeNull();
  });

  it('"quiero ir el jueves…" books a visit, with the name, day and place of the same message', () => {
    const [intent] = read('soy Luis, quisiera pasar el jueves a las 11 a Punto Valle por el jetta');
    expect(intent).toMatchObject({ type: 'sales' });
    expect(intent?.entities).toMatchObject({
      salesAction: 'visit',
      customerName: 'Luis',
      preferredTime: 'el jueves a las 11',
      // The branch itself comes from the knowledge base's vocabulary, which the pipeline passes in.
      city: 'Monterrey',
    });
  });

  it('"el otro" after two cars, one in focus, is the other one; "otro color" is not a reference', () => {
    const profile = { ...focusedOn('242862'), lastRecommended: ['125904', '242862'] };
    expect(read('y la otra de q año es?', profile)[0]?.entities.stockId).toBe('125904');
    expect(read('lo tienes en otro color?', profile)[0]?.entities.stockId).not.toBe('125904');
  });
});
