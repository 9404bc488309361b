/**
 * Gaps a fourth round of blind conversations found, tested with phrasings of our own: two
 * superlatives asked at once, English written without Spanish function words, and English
 * words that sit one edit away from a car's name.
 */
import { describe, expect, it } from 'vitest';
import { createTestPipeline } from '../helpers/test-pipeline.js';

async function conversation(id: string) {
  const { pipeline } = await createTestPipeline();
  return (message: string) => pipeline.runTurn({ conversationId: id, message }).then((r) => r.reply);
}

/** The stock ids a reply names, in order. */
const ids = (reply: string) => [...reply.matchAll(/\(ID (\d+)\)/g)].map((m) => m[1]!);

describe('the agent on what a fourth blind round asked', () => {
  it('answers two superlatives about the cars shown, each with its own car', async () => {
    const say = await conversation('blind4-two-superlatives');
    const list = ids(await say('ando buscando una suv de menos de 400 mil'));
    expect(list).toHaveLength(3);
    const reply = await say('de esas cual es la mas barata y cual la q tiene menos km?');
    expect(reply).toMatch(/el más económico es:/);
    expect(reply).toMatch(/el de menos kilometraje/);
    // Both cars come from the list shown, not from a new search.
    for (const id of ids(reply)) expect(list).toContain(id);
  });

  it('answers two superlatives over the catalog with two cars, and says so when one car is both', async () => {
    const say = await conversation('blind4-two-superlatives-catalog');
    const reply = await say('cual es el sedan mas barato y el mas nuevo q tienen?');
    expect(reply).toMatch(/más económico[^\n]*\n[^\n]+\(ID \d+\)\nY el más reciente es:\n[^\n]+\(ID \d+\)/);
    expect(new Set(ids(reply)).size).toBe(2);
  });

  it('reads a short English message as English and never takes "which" for Buick', async () => {
    const say = await conversation('blind4-english');
    const list = await say('show me suvs under 400k');
    expect(list).toMatch(/here are the best ones/);
    const shown = ids(list);
    const reply = await say('which one is the cheapest and which has the lowest mileage');
    expect(reply).not.toMatch(/Buick/);
    expect(reply).toMatch(/Of the ones I showed you, the cheapest is:/);
    expect(reply).toMatch(/And the one with the lowest mileage is:/);
    for (const id of ids(reply)) expect(shown).toContain(id);
    expect(reply).not.toMatch(/[áéíóúñ¿]/);
  });

  it('takes a down payment and a monthly payment right after a list as what that plan affords', async () => {
    const say = await conversation('blind4-afford-after-list');
    await say('quiero un sedan automatico');
    const reply = await say('pongo 50 mil y puedo pagar 4500 al mes');
    expect(reply).toMatch(/Con \$4,500\.00 al mes, \$50,000\.00 de enganche/);
    expect(reply).toMatch(/te alcanza un auto de hasta/);
    // A car pointed at still gets its own plan.
    expect(await say('y el primero cuanto quedaria con esos 50 mil')).toMatch(/Para el .+ con precio de/);
  });

  it('leaves a car the customer turns down out of the next search', async () => {
    const say = await conversation('blind4-rejected');
    await say('busco algo barato, hasta 300 mil');
    const reply = await say('el versa no me convence, mejor algo 2019 o mas nuevo y automatico');
    expect(reply).not.toMatch(/Versa/);
    expect(reply).toMatch(/\(ID \d+\)/);
    for (const year of reply.matchAll(/ (20\d\d) /g)) expect(Number(year[1])).toBeGreaterThanOrEqual(2019);
  });

  it('orders by mileage when asked for the lowest km in English', async () => {
    const say = await conversation('blind4-lowest-km');
    const shown = ids(await say('looking for a sedan under 300k, what do you have?'));
    const reply = await say('which of them has the least kms?');
    expect(reply).toMatch(/Of the ones I showed you, the one with the lowest mileage is:/);
    expect(shown).toContain(ids(reply)[0]);
  });

  it('gives the financing rules when asked for the minimum down payment and the terms with no car yet', async () => {
    const say = await conversation('blind4-rules');
    const reply = await say(
      'q onda cuanto es lo minimo q tengo q dar de enganche y a cuantos meses se puede?',
    );
    expect(reply).toMatch(/enganche mínimo es del 10%/);
    expect(reply).toMatch(/de 36 a 72 meses/);
  });

  it("reads what they would pay for the customer's car, and selling it, as Kavak buying it", async () => {
    const say = await conversation('blind4-sell');
    await say('tengo un jetta 2016, me lo toman a cuenta?');
    expect(await say('y cuanto me darian por el?')).toMatch(/Cotizamos tu auto|cotizar/);
    const sell = await say('o mejor lo vendo nomas');
    expect(sell).toMatch(/Pago inmediato/);
    expect(sell).not.toMatch(/calcular el financiamiento/);
  });

  it('asks the last question again about another year of the car in focus', async () => {
    const say = await conversation('blind4-other-year');
    await say('el versa 2020 trae carplay?');
    const reply = await say('y la del 2018?');
    expect(reply).toMatch(/Versa 2018/);
    expect(reply).toMatch(/CarPlay/);
  });

  it('orders the cars that fit a garage as asked, in Spanish and English', async () => {
    const say = await conversation('blind4-fits-cheapest');
    await say('mi cochera es de 4 metros, cuales caben?');
    const cheapest = await say('y cual es la mas barata q quepa?');
    expect(cheapest).toMatch(/el más económico que cabe es:/);
    expect(ids(cheapest)).toHaveLength(1);
    const english = await conversation('blind4-fits-en');
    expect(await english('my garage is 4 meters long, which cars would fit?')).toMatch(/these fit:/);
    expect(await english('which is the cheapest that fits?')).toMatch(
      /the cheapest that fits is:\n.+ long \(\d[\d,]* mm to spare/,
    );
  });

  it('offers cheaper cars of the same kind than the one car being weighed', async () => {
    const say = await conversation('blind4-cheaper-than-focus');
    const focus = await say('me interesa la tracker 2021, cuanto cuesta?');
    const price = Number(/\$([\d,]+)\.00/.exec(focus)![1]!.replace(/,/g, ''));
    const reply = await say('y algo similar pero mas economico?');
    // The Tracker may be named as the one to beat, never listed.
    expect(reply).not.toMatch(/Tracker[^\n]*\(ID \d+\)/);
    const prices = [...reply.matchAll(/\$([\d,]+)\.00 \(ID/g)].map((m) => Number(m[1]!.replace(/,/g, '')));
    expect(prices.length).toBeGreaterThan(0);
    for (const p of prices) expect(p).toBeLessThan(price);
  });

  it('answers whether a make is reliable with the inspection and the warranty, not an opinion', async () => {
    const say = await conversation('blind4-reliable');
    const reply = await say('los jac son confiables? o mejor otra marca');
    expect(reply).toMatch(/inspección completa/);
    expect(reply).toMatch(/meses de garantía/);
  });

  it('says approval and payment methods are not known, and offers an advisor', async () => {
    const say = await conversation('blind4-unknowns');
    const approval = await say('con mi historial medio feo si me aprueban el credito?');
    expect(approval).toMatch(/historial crediticio/);
    expect(approval).toMatch(/asesor/);
    expect(await say('y aceptan transferencia o tarjeta?')).toMatch(/asesor/);
  });

  it('reads "la del 18" as the 2018 car when reserving it', async () => {
    const say = await conversation('blind4-two-digit-year');
    await say('tienen la captur 2020? y la 2018?');
    const reply = await say('ok me quedo con la del 18, como la aparto?');
    expect(reply).toMatch(/apartado del Renault Captur 2018/);
    expect(reply).not.toMatch(/Haces tu solicitud/);
  });

  it('searches makes of one origin, and keeps the origin for the next filter', async () => {
    const say = await conversation('blind4-origin');
    await say('me gusta el audi a3');
    const japanese = await say('nah mejor algo coreano o japones, menos de 300 mil');
    const makes = [...japanese.matchAll(/^\d\. (\S+)/gm)].map((m) => m[1]!);
    expect(makes.length).toBeGreaterThan(0);
    for (const make of makes)
      expect(['Kia', 'KIA', 'Toyota', 'Nissan', 'Honda', 'Mazda', 'Suzuki']).toContain(make);
    const automatic = await say('y automatico?');
    for (const m of automatic.matchAll(/^\d\. (\S+)/gm))
      expect(m[1]).not.toMatch(/Audi|Chevrolet|Ford|Volkswagen/);
    expect(automatic).toMatch(/transmisión automática/);
  });

  it('takes "¿y automático?" after an answer about Kavak as a search, not as more of that answer', async () => {
    const say = await conversation('blind4-search-after-info');
    await say('cuanto dura la garantia?');
    const reply = await say('ok y automaticos de 250 pa abajo?');
    expect(reply).not.toMatch(/meses de garantía/);
    expect(reply).toMatch(/transmisión automática/);
  });

  it('shows the measures of every car compared when asked which is bigger', async () => {
    const say = await conversation('blind4-bigger');
    await say('compara el mazda 3 2021 con el forte 2023');
    const reply = await say('which one is bigger?');
    expect(reply).toMatch(/the biggest is:/);
    expect(reply).toMatch(/To compare:/);
    expect(reply).toMatch(/4\.662 × 1\.797/);
    expect(reply).toMatch(/4\.640 × 1\.800/);
  });

  it('names the unknown topics in English in an English reply', async () => {
    const say = await conversation('blind4-unknown-topics-en');
    const reply = await say('what is the CAT and do you charge commissions?');
    expect(reply).toMatch(/About CAT and fees: I do not have that information/);
    expect(reply).not.toMatch(/comisiones|Sobre/);
  });

  it('declines what is against the law, alone, whatever else the message asks', async () => {
    const say = await conversation('blind4-illegal');
    const gps = await say(
      'oye y como le desactivo el gps a una camioneta q no es mia? cuanto cuesta la tracker?',
    );
    expect(gps).toMatch(/no apoyo nada que vaya contra la ley/);
    expect(gps).not.toMatch(/\(ID \d+\)/);
    expect(await say('me la facturan por menos pa pagar menos impuestos?')).toMatch(/contra la ley/);
    const english = await conversation('blind4-illegal-en');
    expect(await english('could you do a fake invoice for me?')).toMatch(/against the law/);
  });

  it('lists any car under a length asked without a garage, after a car that does not fit', async () => {
    const say = await conversation('blind4-shorter-than');
    await say('el sentra 2019 cuanto mide?');
    const reply = await say('muy largo, q tienen q midan menos de 3.9 m?');
    expect(reply).toMatch(/estos caben:|que cabe es:/);
    expect(reply).not.toMatch(/Sentra/);
  });

  it('reads "¿tienen X o Y?" as a question of stock, not a comparison', async () => {
    const say = await conversation('blind4-either');
    const reply = await say('tienen corolla o civic?');
    expect(reply).not.toMatch(/compararlos|lado a lado/);
    expect(reply).toMatch(/Corolla/);
  });

  it('counts every branch when asked in total, after a question about one city', async () => {
    const say = await conversation('blind4-all-branches');
    await say('tienen sucursal en guadalajara?');
    const reply = await say('y cuantas sedes tienen en total?');
    expect(reply).toMatch(/Tenemos 15 sedes/);
  });
});
