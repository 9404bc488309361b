/**
 * Gaps the fifth and sixth rounds of blind conversations found, tested with phrasings of our own:
 * a model Kavak does not stock answered with the cars of its kind, a car's attributes asked as a
 * bare list ("año, km y color") or an ellipsis ("¿y de alto?"), forged documents, comparisons
 * by reference, what is known of a loan's approval, home test drives, and the version a price
 * names.
 */
import { describe, expect, it } from 'vitest';
import { createTestPipeline } from '../helpers/test-pipeline.js';

async function conversation(id: string) {
  const { pipeline } = await createTestPipeline();
  return (message: string) => pipeline.runTurn({ conversationId: id, message }).then((r) => r.reply);
}

describe('the agent on what a fifth blind round asked', () => {
  it('answers a pickup model it does not stock with the pickups it has, of any make', async () => {
    const say = await conversation('blind5-missing-pickup');
    const reply = await say('oigan y la ranger? tienen?');
    expect(reply).toMatch(/no tenemos Ranger/);
    expect(reply).toMatch(/De pickups, tengo/);
    expect(reply).toMatch(/Frontier/);
    // Not other Fords that are not pickups.
    expect(reply).not.toMatch(/EcoSport|Figo|Fiesta/);
  });

  it("puts the make's own cars of the missing model's kind first", async () => {
    const say = await conversation('blind5-missing-sedan');
    const reply = await say('hay camry o algo parecido');
    expect(reply).toMatch(/no tenemos Camry/);
    expect(reply).toMatch(/De sedanes, tengo estos:\n1\. Toyota Corolla/);
    expect(reply).not.toMatch(/RAV4|Hilux/);
  });

  it('says it in English to an English customer', async () => {
    const say = await conversation('blind5-missing-english');
    const reply = await say('do you have a hilux?');
    expect(reply).toMatch(/In pickups, this is what I have:/);
    expect(reply).not.toMatch(/[áéíóúñ¿]/);
  });

  it('answers every attribute asked as a bare list about the car pointed at', async () => {
    const say = await conversation('blind5-attribute-list');
    await say('quiero una suv automatica');
    const reply = await say('pasame año, kms y version del primero');
    expect(reply).toMatch(/Es modelo 20\d\d\./);
    expect(reply).toMatch(/Tiene [\d,]+ km\./);
    expect(reply).toMatch(/La versión es /);
    expect(reply).not.toMatch(/agend[ae] (?:una|tu) visita para/);
  });

  it('says a value the catalog lacks is unknown, beside the one it knows', async () => {
    const say = await conversation('blind5-attribute-list-unknown');
    await say('me gusto el versa 2020');
    const reply = await say('ok y su color y transmision?');
    expect(reply).toMatch(/Color: no tengo ese dato/);
    expect(reply).toMatch(/transmisión automática/);
  });

  it('reads the list in English too', async () => {
    const say = await conversation('blind5-attribute-list-english');
    await say('show me the tiguan');
    const reply = await say("what's its year, mileage and trim?");
    expect(reply).toMatch(/It is a 2018 model\./);
    expect(reply).toMatch(/It has [\d,]+ km\./);
    expect(reply).toMatch(/The version is /);
  });

  it('keeps "año 2020, km bajo" a search, not a question', async () => {
    const say = await conversation('blind5-attribute-search');
    const reply = await say('busco versa, año 2020, km bajo');
    expect(reply).toMatch(/Nissan Versa 2020/);
    expect(reply).not.toMatch(/Es modelo/);
  });

  it('answers an ellipsis about the car in focus: "¿y de alto?", "ok y el color?", "and the height?"', async () => {
    const say = await conversation('blind6-ellipsis');
    await say('me interesa el kicks');
    expect(await say('y de alto?')).toMatch(/Mide [\d,]+ mm de alto\./);
    const colour = await say('ok y el color?');
    expect(colour).toMatch(/Color: no tengo ese dato/);
    expect(colour).not.toMatch(/agend[ae] (?:una|tu) visita para|Para registrarlo/);
    expect(await say('cuanto consume de gasolina?')).toMatch(/Rendimiento de combustible: no tengo ese dato/);
    const english = await conversation('blind6-ellipsis-english');
    await english('show me the tiguan');
    expect(await english('and the height?')).toMatch(/It is [\d,]+ mm high\./);
  });

  it('declines to forge a document, in either language', async () => {
    const say = await conversation('blind6-forgery');
    expect(await say('me ayudas a sacar una constancia falsa?')).toMatch(/contra la ley/);
    expect(await say('can you make me a fake proof of income')).toMatch(/against the law/);
  });

  it('compares "esos 2" just shown, and the car in focus "contra" another named', async () => {
    const say = await conversation('blind6-compare-those');
    await say('me interesan el versa o el vento');
    const again = await say('y cual es la diferencia entre esos 2');
    expect(again).toMatch(/\*1\. Nissan Versa[^\n]*\n(?:[^\n]*\n)*\*2\. Volkswagen Vento/);
    const focus = await conversation('blind6-compare-focus');
    await focus('me late el tiguan');
    const reply = await focus('y contra la x3 cual es mejor?');
    expect(reply).toMatch(/\*1\. Volkswagen Tiguan/);
    expect(reply).toMatch(/\*2\. BMW X3/);
  });

  it('says the credit history is reviewed when asked whether a loan will be approved', async () => {
    const say = await conversation('blind6-approval');
    const reply = await say('¿es seguro que me aprueben?');
    expect(reply).toMatch(/revisamos tu historial crediticio/);
    expect(reply).toMatch(/no te lo puedo asegurar; si quieres, te comunico con un asesor/);
    const english = await conversation('blind6-approval-english');
    expect(await english('will my loan get approved with bad credit?')).toMatch(/credit history/);
  });

  it('confirms a test drive at home while booking it', async () => {
    const say = await conversation('blind6-home-test-drive');
    await say('me gusto el versa 2020');
    const reply = await say('lo puedo manejar en mi casa antes de comprarlo?');
    expect(reply).toMatch(/prueba de manejo en tu domicilio/);
    expect(reply).toMatch(/prueba de manejo del Nissan Versa 2020[^\n]* en tu domicilio/);
    const english = await conversation('blind6-home-test-drive-english');
    const booked = await english('could you bring the car to my house for a test drive?');
    expect(booked).toMatch(/test drive at your home!/);
    expect(booked).not.toMatch(/[áéíóúñ¿]/);
  });

  it('reads trade-in offered "as part of the payment" in English', async () => {
    const say = await conversation('blind6-trade-in-english');
    expect(await say('I want to hand you my old truck as part of the payment')).toMatch(
      /becomes the down payment/,
    );
  });

  it('takes the version of a model whose price the customer gives, even a little under it', async () => {
    const say = await conversation('blind6-price-names-version');
    const reply = await say('cuanto quedaria el rio 2020 de 215 mil con 30% a 4 años');
    expect(reply).toMatch(/Para el Kia Rio 2020 1\.6 LX \(ID 311895\), con precio de \$217,999\.00/);
  });
});
