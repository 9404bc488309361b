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

describe('the agent on what a tenth blind round asked', () => {
  it('reads "1/4 de millón" as a budget of 250 mil', async () => {
    const say = await conversation('blind10b-fraction');
    const reply = await say('una suv de 1/4 de millon maximo');
    const list = [...reply.matchAll(/\$([\d,]+)\.00 \(ID \d+\)/g)].map((m) =>
      Number(m[1]!.replace(/,/g, '')),
    );
    expect(list.length).toBeGreaterThan(0);
    for (const price of list) expect(price).toBeLessThanOrEqual(250_000 * 1.05);
  });

  it('reads "que quepamos 7" as seven seats and "caben 5 maletas" as no party size', async () => {
    const { pipeline, catalog } = await createTestPipeline();
    const reply = await pipeline
      .runTurn({ conversationId: 'blind10b-party', message: 'busco una nave en la que quepamos 7' })
      .then((r) => r.reply);
    const ids = [...reply.matchAll(/\(ID (\d+)\)/g)].map((m) => m[1]!);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(catalog.byStockId(id)?.seats).toBeGreaterThanOrEqual(7);
    const bags = await conversation('blind10b-bags');
    expect(await bags('una suv donde caben 5 maletas')).not.toMatch(/de 5 pasajeros o más/);
  });

  it('reads a make in the plural ("¿qué audis hay?", "any bmws?") as a search by make', async () => {
    const say = await conversation('blind10b-plural-make');
    const reply = await say('que audis manejan?');
    expect(reply).toMatch(/Audi /);
    expect(reply).not.toMatch(/no te puedo ayudar/);
    const english = await conversation('blind10b-plural-make-en');
    expect(await english('hi, any bmws in stock?')).toMatch(/BMW /);
  });

  it('prices two cars asked with a singular "¿cuánto cuesta X y el Y?" side by side, with the difference', async () => {
    const say = await conversation('blind10b-two-prices');
    const reply = await say('cuanto cuesta el kicks y el versa 2020?');
    expect(reply).toMatch(/Nissan Kicks/);
    expect(reply).toMatch(/Nissan Versa 2020/);
    expect(reply).toMatch(/es el más barato, por \$73,000\.00 de diferencia/);
  });

  it('answers "¿ambos traen CarPlay?" after a comparison for both cars', async () => {
    const say = await conversation('blind10b-both-feature');
    await say('que me conviene mas, el kicks o el t-cross');
    const reply = await say('y ambos tienen carplay?');
    expect(reply).toMatch(/Sí, las dos opciones tienen CarPlay:/);
    expect(reply).toMatch(/Kicks/);
    expect(reply).toMatch(/T-Cross/);
  });

  it('says the price of extending the warranty is not published, asked in the conditional', async () => {
    const say = await conversation('blind10b-warranty-price');
    await say('que garantia dan?');
    expect(await say('y cuanto me saldria extenderla?')).toMatch(/Su precio no lo tengo publicado/);
  });

  it('declines cars without papers or a sale without an invoice', async () => {
    const say = await conversation('blind10b-no-papers');
    expect(await say('oye venden carros sin papeles? yo pago en efectivo')).toMatch(/contra la ley/);
    const invoice = await conversation('blind10b-no-invoice');
    expect(await invoice('me lo pueden vender sin factura pa no pagar tanto?')).toMatch(/contra la ley/);
  });

  it('answers how the credit works and its documents asked together', async () => {
    const say = await conversation('blind10b-credit-docs');
    const reply = await say('oye como es lo del credito? y que documentos ocupo');
    expect(reply).toMatch(/Son 4 pasos/);
    expect(reply).toMatch(/Comprobante de ingresos/);
  });

  it('answers payment methods and opening hours asked in English after a policy answer', async () => {
    const say = await conversation('blind10b-english-info');
    await say('hi, what is your return policy?');
    expect(await say('can I pay with a debit card?')).toMatch(/do not have that information/);
    expect(await say('and when are you open in puebla?')).toMatch(/Explanada branch is open 9:00 to 18:00/);
  });

  it('says a branch’s address is not at hand when asked beside its hours', async () => {
    const say = await conversation('blind10b-address');
    const reply = await say('donde queda la sucursal de explanada y a que hora abre?');
    expect(reply).toMatch(/La dirección de la sede Explanada no la tengo a la mano\./);
    expect(reply).toMatch(/abre 9:00 a 18:00/);
  });

  it('books a visit on "¿me apartas cita?", not a reservation of the car', async () => {
    const say = await conversation('blind10b-apartar-cita');
    await say('me late el versa 2020');
    const reply = await say('me apartas una cita el sabado a las 11? soy Toño, de Puebla');
    expect(reply).toMatch(/visita/);
    expect(reply).not.toMatch(/apartado/);
  });

  it('reads "y el 2020 en cuánto está" as the other year of the model, "está" being a verb', async () => {
    const say = await conversation('blind10b-other-year');
    await say('tienen versa 2018?');
    const reply = await say('y el 2020 en cuanto esta?');
    expect(reply).toMatch(/Nissan Versa 2020/);
    expect(reply).toMatch(/\$265,999\.00/);
    expect(reply).not.toMatch(/Versa 2018/);
  });

  it('declines a football score as off topic', async () => {
    const say = await conversation('blind10b-football');
    await say('que onda');
    expect(await say('oye como quedo el america el domingo?')).toMatch(/no te puedo ayudar/);
  });
});
