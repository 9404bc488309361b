/**
 * Gaps a seventh round of blind conversations found, tested with phrasings of our own: a party
 * size ("somos seis"), a missing model within the kind asked for, a list "from the cheapest to
 * the dearest", "el de enmedio", "un cuarto de millón", "algo chiquito", cars sold illegally, a
 * car named by its version ("el M2"), what the customer's car is worth, and a monthly maximum
 * said earlier that still holds.
 */
import { describe, expect, it } from 'vitest';
import { createTestPipeline } from '../helpers/test-pipeline.js';

async function conversation(id: string) {
  const { pipeline } = await createTestPipeline();
  return (message: string) => pipeline.runTurn({ conversationId: id, message }).then((r) => r.reply);
}

/** The stock ids and prices a reply lists, in order. */
const listed = (reply: string) =>
  [...reply.matchAll(/\$([\d,]+)\.00 \(ID (\d+)\)/g)].map((m) => ({
    price: Number(m[1]!.replace(/,/g, '')),
    id: m[2]!,
  }));

describe('the agent on what a seventh blind round asked', () => {
  it('seats the whole party: "somos seis" lists cars for six or more', async () => {
    const say = await conversation('blind7-party');
    const reply = await say('busco camioneta, somos seis');
    expect(listed(reply).length).toBeGreaterThan(0);
    // The five-seat SUVs a plain "camioneta" lists first are left out.
    expect(reply).not.toMatch(/MG HS|Tracker/);
    expect(reply).toMatch(/Captiva 2022 1\.5 LT 7 PASAJEROS/);
  });

  it('offers the pickups in stock for a missing pickup model, within a work search', async () => {
    const say = await conversation('blind7-work-missing-model');
    const reply = await say('necesito algo pa trabajar, tienen tacoma?');
    expect(reply).toMatch(/no tenemos Tacoma/);
    expect(reply).toMatch(/De pickups, tengo este:\n1\. Nissan Frontier/);
  });

  it('lists "de la más barata a la más cara" in that order, and "el de enmedio" is the second', async () => {
    const say = await conversation('blind7-range');
    const list = listed(await say('enseñame las suv de la mas barata a la mas cara'));
    expect(list).toHaveLength(3);
    expect(list.map((c) => c.price)).toEqual([...list.map((c) => c.price)].sort((a, b) => a - b));
    const middle = await say('el de enmedio tiene carplay?');
    expect(middle).toContain(`(ID ${list[1]!.id})`);
  });

  it('reads "un cuarto de millón" as a budget of 250 mil', async () => {
    const say = await conversation('blind7-quarter-million');
    const list = listed(await say('algo con bluetooth por un cuarto de millon'));
    expect(list.length).toBeGreaterThan(0);
    for (const car of list) expect(car.price).toBeLessThanOrEqual(250_000);
  });

  it('lists the smallest first for "algo chiquito", never "compacto" as an unknown feature', async () => {
    const say = await conversation('blind7-small');
    const reply = await say('quiero algo chiquito pa la ciudad');
    expect(reply).toMatch(/los más compactos:/);
    expect(reply).not.toMatch(/no registra/);
  });

  it('declines cars sold illegally and a serial number changed', async () => {
    const say = await conversation('blind7-illegal');
    expect(await say('venden autos chocolate?')).toMatch(/contra la ley/);
    expect(await say('me pueden regrabar el numero de serie?')).toMatch(/contra la ley/);
  });

  it('reads a version name that belongs to one model ("el m2") as that car', async () => {
    const say = await conversation('blind7-version-name');
    await say('me late el kicks');
    const reply = await say('y el m2 cuantos km tiene?');
    expect(reply).toMatch(/BMW Serie 2 2018 3\.0 M2 DCT/);
    expect(reply).toMatch(/Tiene 56,419 km\./);
  });

  it('says what the customer’s car is worth is known once it is quoted, in both languages', async () => {
    const say = await conversation('blind7-own-car-value');
    expect(await say('cuanto me pagarian por mi versa 2018?')).toMatch(
      /Cuánto vale tu auto lo sabemos al cotizarlo; puedes cotizarlo desde la app de Kavak/,
    );
    const english = await conversation('blind7-own-car-value-english');
    const reply = await english('how much will you pay for my old truck?');
    // "once" is English here, not a Spanish eleven the grounding guard would refuse.
    expect(reply).toMatch(/What your car is worth we know once we quote it/);
    expect(reply).not.toMatch(/[áéíóúñ¿]/);
  });

  it('answers the interest rate without saying a price is unpublished', async () => {
    const say = await conversation('blind7-rate');
    const reply = await say('cuanto es la tasa?');
    expect(reply).toMatch(/10%/);
    expect(reply).not.toMatch(/no lo tengo publicado/);
  });

  it('holds a plan to the monthly maximum said before, and asks again what it affords', async () => {
    const say = await conversation('blind7-held-maximum');
    await say('puedo pagar 4 mil al mes');
    const plan = await say('y el versa 2020 con 40 mil de enganche a 6 años?');
    expect(plan).toMatch(/72 meses \(6 años\): \$[\d,.]+ al mes/);
    expect(plan).toMatch(/Se pasa de tu máximo de \$4,000\.00 al mes: sube el enganche o te busco/);
    const again = await say('y que si me alcanza a 6 años?');
    expect(again).toMatch(/Con \$4,000\.00 al mes, \$40,000\.00 de enganche y 72 meses de plazo, te alcanza/);
  });
});
