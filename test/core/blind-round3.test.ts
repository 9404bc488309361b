/**
 * Gaps a third blind set found (conversations written without sight of the rules), tested here
 * with phrasings of our own: the drive, colour and fuel use of the car in focus, a feature asked
 * in a clause of its own, what a payment affords redone with a new term or down payment, the
 * figure being replaced ("en vez de"), haggles as diminutives and in English, "no manches" as
 * surprise, a compared car named by its make, and orderings and comparisons in English.
 */
import { describe, expect, it } from 'vitest';
import { createTestPipeline } from '../helpers/test-pipeline.js';

async function conversation(id: string) {
  const { pipeline } = await createTestPipeline();
  return (message: string) => pipeline.runTurn({ conversationId: id, message }).then((r) => r.reply);
}

describe('the agent on what a third blind set asked', () => {
  it('answers drive from the version text, and colour and fuel use as unknown, about the car in focus', async () => {
    const say = await conversation('blind3-facts');
    await say('me interesa la murano 2019');
    expect(await say('trae doble traccion?')).toMatch(/tracción integral: su versión dice .*4WD/);
    const colour = await say('y en q color la tienen?');
    expect(colour).toMatch(/Color: no tengo ese dato/);
    // A question, not a visit: no booking started.
    expect(colour).not.toMatch(/registrarlo/);
    expect(await say('gasta mucha gasolina?')).toMatch(/Rendimiento de combustible: no tengo ese dato/);
  });

  it('answers a feature asked in a clause of its own after another', async () => {
    const say = await conversation('blind3-clauses');
    await say('el sentra 2019');
    const reply = await say('tiene bluetooth? y el carplay?');
    expect(reply).toMatch(/Bluetooth/);
    expect(reply).toMatch(/CarPlay/);
  });

  it('redoes what a monthly payment affords when only the term or the down payment changes', async () => {
    const say = await conversation('blind3-afford');
    const first = await say('con 6 mil mensuales y 50 mil de enganche q carros me alcanzan a 3 años');
    expect(first).toMatch(/Con \$6,000\.00 al mes, \$50,000\.00 de enganche y 36 meses/);
    const longer = await say('y a 6?');
    expect(longer).toMatch(/Con \$6,000\.00 al mes, \$50,000\.00 de enganche y 72 meses/);
    const ceiling = (reply: string) => Number(/de hasta \$([\d,]+)/.exec(reply)![1]!.replace(/,/g, ''));
    expect(ceiling(longer)).toBeGreaterThan(ceiling(first));
    const more = await say('y si pongo 90 mil de enganche?');
    expect(more).toMatch(/Con \$6,000\.00 al mes, \$90,000\.00 de enganche y 72 meses/);
  });

  it('takes the figure after "en lugar de" as the new down payment', async () => {
    const say = await conversation('blind3-instead');
    await say('cuanto al mes el versa 2020 con 40 mil de enganche');
    const reply = await say('mejor en lugar de 40 ponle 60');
    expect(reply).toMatch(/enganche de \$60,000\.00/);
  });

  it('answers a discount asked as a diminutive, or in English, with the fixed price', async () => {
    const say = await conversation('blind3-haggle');
    await say('el sentra 2019');
    expect(await say('y no hay una rebajita? 🙏')).toMatch(/es fijo/);
    const english = await conversation('blind3-haggle-en');
    expect(await english('is there any room on the price of the sentra 2019?')).toMatch(/it is fixed/);
  });

  it('reads "no manches" as surprise, not a complaint, and "eres buena onda" as a compliment', async () => {
    const say = await conversation('blind3-social');
    await say('cual es la camioneta mas cara q tienen');
    const cheaper = await say('no manches!! y algo mas barato?');
    expect(cheaper).not.toMatch(/Perdón|molestia/);
    expect(cheaper).toMatch(/\$\d/);
    expect(await say('eres bien buena onda')).toMatch(/gracias/i);
  });

  it('a make named after a comparison means the compared car of that make', async () => {
    const say = await conversation('blind3-compared');
    await say('q me conviene mas, el rav4 2018 o el cx-5 2019?');
    const reply = await say('va el toyota, cuanto al mes con 50 mil de enganche');
    expect(reply).toMatch(/Toyota RAV4 2018/);
    expect(reply).toMatch(/\$50,000\.00/);
  });

  it('says orderings and comparisons in English to a customer who writes in English', async () => {
    const say = await conversation('blind3-english');
    const newest = await say("what's the newest sedan you have?");
    expect(newest).toMatch(/The newest I have/);
    expect(newest).not.toMatch(/que tengo|only available in Spanish/);
    const compared = await say('compare the sentra 2019 and the versa 2020 please');
    expect(compared).toMatch(/side by side/);
    expect(compared).toMatch(/In short:/);
    expect(compared).not.toMatch(/Con enganche|En resumen|only available in Spanish/);
  });

  it('reads "no pase de 350 varos" as a budget in thousands, and answers frustration with an apology and the list', async () => {
    const say = await conversation('blind3-varos');
    const reply = await say('ya me harte de esperar 😤 ocupo una suv q no pase de 280 varos');
    expect(reply).toMatch(/Perdón|Lamento/);
    const prices = [...reply.matchAll(/\$([\d,]+)\.00/g)].map((m) => Number(m[1]!.replace(/,/g, '')));
    expect(prices.length).toBeGreaterThan(0);
    for (const price of prices) expect(price).toBeLessThanOrEqual(280_000);
  });

  it('"de contado" beside a budget says how the customer pays, not a question about payment methods', async () => {
    const say = await conversation('blind3-cash');
    const reply = await say('tengo 250 mil de contado, q sedanes hay');
    expect(reply).not.toMatch(/plan de pagos|solicitud/);
    expect(reply).toMatch(/\$\d/);
  });

  it('says what delivery costs and how long it takes are not published, and keeps the car named for the visit', async () => {
    const say = await conversation('blind3-delivery');
    const reply = await say(
      'me late el onix 2021, cuanto cobran por mandarlo a mi casa y en cuantos dias llega?',
    );
    expect(reply).toMatch(/Su precio no lo tengo publicado/);
    expect(reply).toMatch(/Cuánto tarda no lo tengo publicado/);
    const visit = await say('va, me llamo Luis Pardo, quiero una videollamada el martes a las 4');
    expect(visit).toMatch(/Chevrolet Onix 2021/);
  });

  it('says the price of extending the warranty is not published when asked with another question', async () => {
    const say = await conversation('blind3-warranty-price');
    const reply = await say('cuanto sale la garantia extendida? y el seguro lo incluyen?');
    expect(reply).toMatch(/extender 1 año/);
    expect(reply).toMatch(/Su precio no lo tengo publicado/);
  });

  it('answers a fault in a car already bought with an apology, the warranty and a person', async () => {
    const say = await conversation('blind3-fault');
    const reply = await say('hace un mes les compre una camioneta y ya no prende, q onda con eso');
    expect(reply).toMatch(/Lamento/);
    expect(reply).toMatch(/3 meses de garantía/);
    expect(reply).toMatch(/asesor/);
  });

  it('"how long is the warranty" asks about the warranty, not a car\'s length', async () => {
    const say = await conversation('blind3-how-long');
    const reply = await say('how long is the warranty and can I extend it?');
    expect(reply).toMatch(/3 months/);
    expect(reply).not.toMatch(/mm|options/);
  });

  it('measures a named car against a space given without its unit, and reads "cuántos caben" as seats', async () => {
    const say = await conversation('blind3-space');
    const height = await say('q tan alta es la captiva 2022? el techo de mi estacionamiento es como de 1.80');
    expect(height).toMatch(/Chevrolet Captiva 2022/);
    expect(height).toMatch(/1,800 mm/);
    expect(await say('y cuantos caben?')).toMatch(/pasajeros/);
  });

  it("answers a city's branch and its hours asked together for that city only", async () => {
    const say = await conversation('blind3-city-hours');
    const reply = await say('me cambio a cuernavaca, hay kavak alla? q horario tienen');
    expect(reply).toMatch(/Cuernavaca/);
    expect(reply).not.toMatch(/Puebla|Explanada/);
  });

  it('reads using the current car as the down payment, in English, as a trade-in', async () => {
    const say = await conversation('blind3-trade-in-en');
    const reply = await say('could I put my old car towards the down payment?');
    expect(reply).toMatch(/becomes the down payment/);
  });

  it('holds the plan for a down payment given to the most the customer can pay a month', async () => {
    const say = await conversation('blind3-capped-plan');
    await say('el sentra 2019');
    const reply = await say('le doy 50 mil de enganche y maximo puedo pagar 5 mil al mes a 5 años');
    expect(reply).toMatch(/enganche de \$50,000\.00/);
    expect(reply).toMatch(/60 meses/);
    expect(reply).toMatch(/tu máximo de \$5,000\.00 al mes/);
  });

  it('compares a car named by its id with the one in focus, and the compared cars again on a new plan', async () => {
    const say = await conversation('blind3-compare-focus');
    await say('me interesa el 322722');
    const pair = await say('y el 306473 en q se diferencia de este?');
    expect(pair).toMatch(/lado a lado/);
    expect(pair).toMatch(/ID 322722/);
    expect(pair).toMatch(/ID 306473/);
    const again = await say('va y a los dos con 40 mil de enganche a 3 años?');
    expect(again).toMatch(/lado a lado \(mensualidad a 36 meses con enganche de \$40,000\.00\)/);
    expect(again).toMatch(/ID 322722/);
    expect(again).toMatch(/ID 306473/);
    // "¿cuál es más grande de los dos?" orders those shown; it is not the comparison again.
    expect(await say('y cual es mas grande de los dos?')).toMatch(/De los que te mostré, el más grande es/);
  });

  it('says what it widened when nothing cheaper fits, even after "está carísima"', async () => {
    const say = await conversation('blind3-only-pickup');
    await say('tienen pickups?');
    const reply = await say('nmms esta bien cara, no tendras otra pickup mas economica?');
    expect(reply).toMatch(
      /No tengo opciones más baratas con esas características\. Ajustando el tipo de auto/,
    );
    expect(reply).not.toMatch(/^Este es el/m);
    // The pickup is still the car in focus: its questions and its haggle are about it.
    expect(await say('y trae doble traccion?')).toMatch(/Del Nissan Frontier/);
    expect(await say('te doy 550 y me la llevo')).toMatch(/El precio del Nissan Frontier .* es fijo/);
  });

  it('"las mensualidades de los tres" after a list of three compares those three on that plan', async () => {
    const say = await conversation('blind3-three-listed');
    await say('sedanes 2020 abajo de 340 mil');
    const reply = await say('y las mensualidades de los tres con 60 mil de enganche a 4 años?');
    expect(reply).toMatch(/lado a lado \(mensualidad a 48 meses con enganche de \$60,000\.00\)/);
    expect(reply.match(/^\*\d\. /gm)).toHaveLength(3);
  });

  it('"¿y la <otro> lo mismo?" asks every question of the last message again, the plan included', async () => {
    const say = await conversation('blind3-same-again');
    await say('del sentra 2019 cuantos km tiene y cual es el enganche minimo?');
    const reply = await say('y el versa 2020 igual?');
    expect(reply).toMatch(/Nissan Versa 2020/);
    expect(reply).toMatch(/Tiene [\d,]+ km/);
    expect(reply).toMatch(/enganche mínimo \(10%\)/);
  });

  it('"de las 2019, ¿cuál…?" orders that year of the catalog, not the one car shown', async () => {
    const say = await conversation('blind3-year-scope');
    await say('cual es el carro mas nuevo q tienen');
    const reply = await say('ok y de los 2019 cual es el mas barato?');
    expect(reply).toMatch(/^1\. .* 2019 /m);
    expect(reply).not.toMatch(/De los que te mostré/);
  });

  it('"más barato que el primero, pero sedán, no hatch" searches under the first car, sedans only', async () => {
    const say = await conversation('blind3-cheaper-than-first');
    const list = await say('tienen corollas?');
    const first = Number(/^1\. .*?\$([\d,]+)\.00/m.exec(list)![1]!.replace(/,/g, ''));
    const reply = await say('hay algo mas barato q el primero? sedan, no hatchback');
    const prices = [...reply.matchAll(/\$([\d,]+)\.00/g)].map((m) => Number(m[1]!.replace(/,/g, '')));
    expect(prices.length).toBeGreaterThan(0);
    for (const price of prices) expect(price).toBeLessThan(first);
    expect(reply).not.toMatch(/^Este es el/m);
  });

  it('"el barato, ¿cuánto al mes?" singles out the cheaper of the cars shown, then its plan', async () => {
    const say = await conversation('blind3-plain-adjective');
    await say('q me conviene mas, el rav4 2018 o el cx-5 2019?');
    const reply = await say('la barata, cuanto al mes a 4 años?');
    expect(reply).toMatch(/el más económico es:\nToyota RAV4 2018/);
    expect(reply).toMatch(/Para el Toyota RAV4 2018 .*\n[^]*48 meses/);
  });
});
