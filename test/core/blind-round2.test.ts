/**
 * Gaps a second blind set found (conversations written without sight of the rules), tested here
 * with phrasings of our own: the car a name means during a search, every attribute of a question
 * about one car picked from a list, a complaint about one transmission as a wish for the other,
 * "¿y la <otro>?" repeating the last question, and a name given with the day of a visit.
 */
import { describe, expect, it } from 'vitest';
import { createTestPipeline } from '../helpers/test-pipeline.js';

describe('the agent on what a second blind set asked', () => {
  it('reads "los automáticos fallan" as a wish for a manual, and "el <marca>" as that search\'s car', async () => {
    const { pipeline } = await createTestPipeline();
    const conversationId = 'blind2-manual';
    const list = await pipeline.runTurn({
      conversationId,
      message: 'busco uno estandar de menos de 200 mil, los automaticos siempre dan problemas',
    });
    expect(list.reply).toMatch(/transmisión manual/);
    expect(list.reply).not.toMatch(/\bAT\b|AUTO\b|CVT/);
    const kia = await pipeline.runTurn({ conversationId, message: 'y el kia q kilometraje tiene' });
    // A Kia of the search (manual, under 200 mil), not the catalog's first Kia.
    expect(kia.reply).toMatch(/Kia \w+ 20\d\d .*MT/);
    const price = /\$([\d,]+)\.00/.exec(kia.reply)?.[1];
    expect(Number(price?.replace(/,/g, ''))).toBeLessThanOrEqual(200_000);
    expect(kia.reply).toMatch(/km/);
  });

  it('answers every attribute asked about the one car singled out of a list', async () => {
    const { pipeline } = await createTestPipeline();
    const conversationId = 'blind2-singled';
    await pipeline.runTurn({ conversationId, message: 'tienes mazda 2018 o mas nuevo abajo de 300k?' });
    const { reply } = await pipeline.runTurn({
      conversationId,
      message: 'el mas barato de esos q km tiene y es automatico?',
    });
    expect(reply).toMatch(/más económico/);
    expect(reply).toMatch(/Tiene [\d,]+ km/);
    expect(reply).toMatch(/transmisión automática/);
  });

  it('"¿y la <otro>?" after a question about one car asks the same about the other', async () => {
    const { pipeline } = await createTestPipeline();
    const conversationId = 'blind2-and-the-other';
    await pipeline.runTurn({ conversationId, message: 'que largo tiene la cx 5? tengo un garage de 4.3 m' });
    const { reply } = await pipeline.runTurn({ conversationId, message: 'ufff. y la t cross?' });
    expect(reply).toMatch(/T-Cross/);
    expect(reply).toMatch(/mm de largo/);
    expect(reply).toMatch(/cabe/);
  });

  it('takes "Nombre Apellido, el <día>" as the name and the day, and keeps the day when the hour follows', async () => {
    const { pipeline } = await createTestPipeline();
    const conversationId = 'blind2-booking';
    await pipeline.runTurn({ conversationId, message: 'me gustaria apartar cita pa ver la bmw x1' });
    const named = await pipeline.runTurn({ conversationId, message: 'Mario Ruiz, el sabado' });
    expect(named.reply).toMatch(/Mario Ruiz/);
    expect(named.reply).not.toMatch(/tu nombre/);
    const booked = await pipeline.runTurn({ conversationId, message: 'tipo 11 de la mañana en antara' });
    expect(booked.reply).toMatch(/Registré/);
    expect(booked.reply).toMatch(/sabado|sábado/i);
    expect(booked.reply).toMatch(/11/);
  });

  it('answers both features of "¿trae X y Y?" about one car', async () => {
    const { pipeline } = await createTestPipeline();
    const { reply } = await pipeline.runTurn({
      conversationId: 'blind2-two-features',
      message: 'el versa 2020 trae bluetooth y carplay?',
    });
    expect(reply).toMatch(/Bluetooth/);
    expect(reply).toMatch(/CarPlay/);
  });

  it('takes praise that names a branch as praise, not as a question about branches', async () => {
    const { pipeline } = await createTestPipeline();
    for (const message of [
      'solo paso a decir q en antara nos trataron muy bien, bien atentos',
      'oigan me atendieron de lujo en punto sur 🙌',
    ]) {
      const result = await pipeline.runTurn({ message });
      expect(result.intents[0]?.entities.socialKind, message).toBe('compliment');
      expect(result.reply, message).toMatch(/gracias/i);
      expect(result.reply, message).not.toMatch(/sedes/);
    }
  });

  it('turns down a pushed counter-offer ("240 y cerramos trato") and says a branch\'s address is not at hand', async () => {
    const { pipeline } = await createTestPipeline();
    const conversationId = 'blind2-haggle-address';
    await pipeline.runTurn({ conversationId, message: 'me late el altima 2018' });
    const haggled = await pipeline.runTurn({ conversationId, message: 'te va? 230 y hacemos trato' });
    expect(haggled.intents.map((i) => i.type)).toContain('haggle');
    expect(haggled.reply).toMatch(/fijo/);
    await pipeline.runTurn({ conversationId, message: 'estoy en monterrey' });
    const address = await pipeline.runTurn({ conversationId, message: 'y en q direccion esta la sucursal?' });
    expect(address.reply).toMatch(/direcciones/);
    expect(address.reply).toMatch(/asesor/);
  });
});
