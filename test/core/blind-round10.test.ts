/**
 * Gaps the ninth blind round left open, tested with phrasings of our own: doors and trunk (not in
 * the catalog but for a sedan's doors), a carried model with a new limit nothing of it meets,
 * "poco kilometraje" as an order, "¿me cotizan mi carro?" as a sale, and a reservation whose
 * customer asks for a model Kavak does not stock before giving a name.
 */
import { describe, expect, it } from 'vitest';
import { createTestPipeline } from '../helpers/test-pipeline.js';

async function conversation(id: string) {
  const { pipeline } = await createTestPipeline();
  return (message: string) => pipeline.runTurn({ conversationId: id, message }).then((r) => r.reply);
}

const kms = (reply: string) =>
  [...reply.matchAll(/· ([\d,]+) km ·/g)].map((m) => Number(m[1]!.replace(/,/g, '')));

describe('the agent on what the ninth blind round left open', () => {
  it('says a sedan has 4 doors and that the trunk size is not in the catalog', async () => {
    const say = await conversation('blind10-doors-trunk');
    await say('me late el versa 2020');
    const reply = await say('de cuantas puertas es? y que tal la cajuela');
    expect(reply).toMatch(/Es de 4 puertas\./);
    expect(reply).toMatch(/cajuela: no tengo ese dato en el catálogo; un asesor te lo puede confirmar/);
    expect(reply).not.toMatch(/mide|metros/);
  });

  it('does not guess the doors of a hatchback, and answers doors in English', async () => {
    const say = await conversation('blind10-hatch-doors');
    await say('ando viendo el mazda 3 2018');
    expect(await say('cuantas puertas tiene?')).toMatch(/puertas: no tengo ese dato/);
    const english = await conversation('blind10-doors-en');
    await english('I like the Versa 2020');
    expect(await english('how many doors does it have?')).toMatch(/4 doors/);
  });

  it('says nothing of the model carried meets a new limit before showing other models', async () => {
    const say = await conversation('blind10-carried-model');
    await say('quiero un aveo');
    const reply = await say('y uno con menos de 50 mil km?');
    expect(reply).toMatch(/No tengo Aveo con eso; de otros modelos, tengo estos:/);
    const listed = kms(reply);
    expect(listed.length).toBeGreaterThan(0);
    for (const km of listed) expect(km).toBeLessThanOrEqual(50_000);
  });

  it('reads "con poco kilometraje" and "low mileage" as the fewest km first', async () => {
    for (const [id, message, intro] of [
      ['blind10-low-km-es', 'busco una suv con poco kilometraje', /te comparto los de menos kilometraje:/],
      ['blind10-low-km-en', 'any suv with low mileage?', /here are the ones with the lowest mileage:/],
    ] as const) {
      const say = await conversation(id);
      const reply = await say(message);
      expect(reply).toMatch(intro);
      const listed = kms(reply);
      expect(listed.length).toBeGreaterThan(1);
      expect(listed).toEqual([...listed].sort((a, b) => a - b));
    }
  });

  it('reads "¿me cotizan mi carro?" as selling it, and "me cotizan el Versa a 48 meses" as financing', async () => {
    const sell = await conversation('blind10-quote-own');
    expect(await sell('oigan me cotizan mi carro? es un jetta 2015')).toMatch(/Kavak también compra tu auto/);
    const finance = await conversation('blind10-quote-plan');
    expect(await finance('me cotizan el versa 2020 a 48 meses?')).toMatch(
      /48 meses \(4 años\): \$[\d,.]+ al mes/,
    );
  });

  it('answers a reservation ask with who confirms its terms, since the knowledge base states none', async () => {
    const say = await conversation('blind10-reserve-terms');
    await say('me late el versa 2020');
    const reply = await say('lo quiero apartar como le hago?');
    expect(reply).toMatch(/apartado/);
    expect(reply).toMatch(/no los tengo publicados: un asesor de Kavak te los confirma/);
    expect(reply).not.toMatch(/\$\s?[\d,]+(?!\.00 \(ID)/);
  });

  it('answers a model not in stock asked during a reservation, then goes on with the first car', async () => {
    const say = await conversation('blind10-reserve-detour');
    await say('me late el versa 2020');
    await say('lo quiero apartar');
    const detour = await say('oye y tienen tacoma?');
    expect(detour).toMatch(/no tenemos Tacoma/);
    expect(detour).not.toMatch(/apartado/);
    const back = await say('me llamo Ana y estoy en Puebla');
    expect(back).toMatch(/apartado del Nissan Versa 2020/);
    expect(back).not.toMatch(/Frontier/);
  });
});
