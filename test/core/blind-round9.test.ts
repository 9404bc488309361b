/**
 * Gaps a ninth round of blind conversations found, tested with phrasings of our own: "qué es
 * Kavak Total" and its price asked next, "dos cientos mil", a feature asked as "¿y de …?", a city
 * without a branch asked as "¿hay Kavak acá?", the longest term, and an odometer rolled back.
 */
import { describe, expect, it } from 'vitest';
import { createTestPipeline } from '../helpers/test-pipeline.js';

async function conversation(id: string) {
  const { pipeline } = await createTestPipeline();
  return (message: string) => pipeline.runTurn({ conversationId: id, message }).then((r) => r.reply);
}

const prices = (reply: string) =>
  [...reply.matchAll(/\$([\d,]+)\.00 \(ID \d+\)/g)].map((m) => Number(m[1]!.replace(/,/g, '')));

describe('the agent on what a ninth blind round asked', () => {
  it('answers what Kavak Total is, not what Kavak is, and says its price is not published next', async () => {
    const say = await conversation('blind9-kavak-total');
    const first = await say('oye que es eso de kavak total?');
    expect(first).toMatch(/Kavak Total incluye/);
    expect(first).not.toMatch(/Kavak compra, vende y financia/);
    expect(first).not.toMatch(/no lo tengo publicado/);
    expect(await say('ok y en cuanto sale?')).toMatch(/Su precio no lo tengo publicado/);
  });

  it('reads "dos cientos mil" as a budget of 200 mil', async () => {
    const say = await conversation('blind9-hundreds-apart');
    const list = prices(await say('traigo dos cientos mil pa gastar, que hay?'));
    expect(list.length).toBeGreaterThan(0);
    for (const price of list) expect(price).toBeLessThanOrEqual(200_000 * 1.05);
  });

  it('answers a feature asked as "¿y de carplay?" beside another question', async () => {
    const say = await conversation('blind9-feature-de');
    await say('me interesa el versa 2020');
    const reply = await say('y de carplay? tambien cuantos km tiene');
    expect(reply).toMatch(/CarPlay/);
    expect(reply).toMatch(/Tiene [\d,]+ km\./);
  });

  it('answers "¿hay Kavak por acá?" with the city’s branches or the online purchase', async () => {
    const say = await conversation('blind9-city-no-branch');
    const reply = await say('soy de tijuana, hay kavak aqui?');
    expect(reply).toMatch(/En Tijuana no tenemos sede por ahora, pero puedes comprar 100% en línea/);
  });

  it('answers the longest term with the financing terms', async () => {
    const say = await conversation('blind9-longest-term');
    expect(await say('oye y el plazo maximo?')).toMatch(/72 meses/);
  });

  it('declines to roll back an odometer, and "bajo kilometraje" stays a search', async () => {
    const say = await conversation('blind9-odometer');
    expect(await say('me pueden ayudar? quiero que le bajen el kilometraje a mi coche')).toMatch(
      /contra la ley/,
    );
    const search = await conversation('blind9-low-km');
    expect(await search('busco un sedan de bajo kilometraje')).not.toMatch(/contra la ley/);
  });
});
