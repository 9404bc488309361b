/**
 * Gaps an eighth round of blind conversations found, tested with phrasings of our own: the return
 * window and the documents asked in English, buying online "sin ir a la sucursal", how the
 * monthly payments are charged, someone else's ID, a price "como de 250", "3 mil y pico al mes",
 * and two prices asked at once.
 */
import { describe, expect, it } from 'vitest';
import { createTestPipeline } from '../helpers/test-pipeline.js';

async function conversation(id: string) {
  const { pipeline } = await createTestPipeline();
  return (message: string) => pipeline.runTurn({ conversationId: id, message }).then((r) => r.reply);
}

const prices = (reply: string) =>
  [...reply.matchAll(/\$([\d,]+)\.00 \(ID \d+\)/g)].map((m) => Number(m[1]!.replace(/,/g, '')));

describe('the agent on what an eighth blind round asked', () => {
  it('answers the trial period when an English customer may not like the car, and books nothing', async () => {
    const say = await conversation('blind8-returns-english');
    const reply = await say('what if I change my mind after I buy it? can I return it?');
    expect(reply).toMatch(/7 days or 300 km/);
    expect(reply).not.toMatch(/Happy to help you with your purchase/);
    const other = await conversation('blind8-returns-english-2');
    expect(await other('and if I don’t like the car?')).toMatch(/7 days or 300 km/);
  });

  it('lists the documents for "proof of income" in English', async () => {
    const say = await conversation('blind8-documents-english');
    expect(await say('do you ask for bank statements or pay stubs?')).toMatch(/Proof of income/);
  });

  it('explains buying online when the customer cannot go to a branch, with no visit booked', async () => {
    const say = await conversation('blind8-online');
    const reply = await say('puedo hacer la compra desde mi casa? no tengo tiempo de ir a la agencia');
    expect(reply).toMatch(/videollamada con un asesor/);
    expect(reply).not.toMatch(/te ayudo con una visita/);
  });

  it('says the monthly payments are charged by direct debit, with no unpublished price', async () => {
    const say = await conversation('blind8-direct-debit');
    const reply = await say('los pagos mensuales como me los cobran?');
    expect(reply).toMatch(/domiciliación/);
    expect(reply).not.toMatch(/no lo tengo publicado/);
  });

  it('declines a purchase in someone else’s name with their ID', async () => {
    const say = await conversation('blind8-someone-elses-id');
    expect(await say('se puede poner con la credencial de otra persona? la mia esta vencida')).toMatch(
      /contra la ley/,
    );
  });

  it('reads "como de 250" and "de unos 300" as a price around that many thousand', async () => {
    const say = await conversation('blind8-approx-budget');
    const list = prices(await say('ando buscando un suv como de 300'));
    expect(list.length).toBeGreaterThan(0);
    for (const price of list) expect(price).toBeLessThanOrEqual(300_000 * 1.05);
  });

  it('reads "4 mil y algo al mes" as a monthly payment of 4 mil', async () => {
    const say = await conversation('blind8-y-pico');
    const reply = await say('doy 40 mil de enganche y pago 4 mil y algo al mes, que me alcanza?');
    expect(reply).toMatch(/Con \$4,000\.00 al mes, \$40,000\.00 de enganche/);
  });

  it('gives both prices when two cars are asked together', async () => {
    const say = await conversation('blind8-two-prices');
    const reply = await say('en cuanto salen el kicks y el hr-v?');
    expect(reply).toMatch(/Nissan Kicks/);
    expect(reply).toMatch(/Honda HR-V/);
    expect(reply).toMatch(/\$338,999\.00/);
    expect(reply).toMatch(/\$413,999\.00/);
  });

  it('answers the warranty asked at the end of a long message that also mentions paying in months', async () => {
    const say = await conversation('blind8-long-message-warranty');
    const reply = await say(
      'buenas tardes busco una camioneta grande y queria saber si se puede pagar en meses y que garantia traen',
    );
    expect(reply).toMatch(/3 meses de garantía/);
    expect(reply).not.toMatch(/No tengo ese dato/);
  });

  it('orders the two cars just compared: "¿cuál de los dos es más nuevo?"', async () => {
    const say = await conversation('blind8-which-of-the-two');
    await say('que diferencia hay entre el kicks 2020 y el hr-v 2022?');
    const reply = await say('ok y cual de los dos es mas nuevo?');
    expect(reply).toMatch(/De los que te mostré, el más reciente es:\nHonda HR-V 2022/);
  });

  it('finds cheaper cars of the kind asked from any make after one car turned down as dear', async () => {
    const say = await conversation('blind8-cheaper-any-make');
    await say('me interesa la tiguan, cuanto esta?');
    const reply = await say('nel, muy cara. algo mas economico pero suv');
    expect(reply).toMatch(/No tengo otro Tiguan más barato; de otros modelos, más económicos:/);
    expect(reply).toMatch(/Honda|MG|Chevrolet|Nissan|Kia|Mazda/);
    for (const price of prices(reply)) expect(price).toBeLessThan(438_999);
  });

  it('offers both the city’s branches and home delivery when asked for either', async () => {
    const say = await conversation('blind8-branch-or-home');
    await say('me gusto el versa 2020');
    const reply = await say('lo puedo checar en monterrey o me lo traen a la casa?');
    expect(reply).toMatch(/Sí, las dos: en Monterrey puedes verlo en Punto Valle y Nuevo Sur/);
    expect(reply).toMatch(/en tu domicilio/);
  });

  it('says Kavak helps look for a model it does not stock, from the knowledge base', async () => {
    const say = await conversation('blind8-help-searching');
    expect(await say('no tendran una tacoma?')).toMatch(/te ayudamos a buscarlo/);
  });

  it('takes what Kavak would pay for the customer’s own car as the down payment for the car in focus', async () => {
    const say = await conversation('blind8-trade-in-down-payment');
    await say('me gusta el versa 2020, que precio tiene');
    const reply = await say('si me dieran 60 mil por mi aveo de enganche, cuanto quedaria a 4 años?');
    expect(reply).toMatch(/Para el Nissan Versa 2020/);
    expect(reply).toMatch(/Con un enganche de \$60,000\.00/);
    expect(reply).not.toMatch(/Para el Chevrolet Aveo/);
  });
});
