/**
 * Gaps a fifth round of blind conversations found, tested with phrasings of our own: a model
 * Kavak does not stock answered with the cars of its kind, and a car's attributes asked as a
 * bare list ("año, km y color").
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
});
