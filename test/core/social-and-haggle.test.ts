import { describe, expect, it } from 'vitest';
import { createTestPipeline } from '../helpers/test-pipeline.js';

const CANT_HELP = /no te puedo ayudar/i;
const SOUNDS_LIKE_YES = /con gusto te ayudo con tu compra|trato hecho|te lo dejo en|de acuerdo/i;

describe('social turns and haggling on the offline runtime', () => {
  it('answers thanks, "ok" and goodbyes warmly, never with "no te puedo ayudar"', async () => {
    const { pipeline } = await createTestPipeline();
    for (const message of ['muchisimas gracias!!', 'okey', 'sale, hasta luego 👋', 'super buena atencion']) {
      const result = await pipeline.runTurn({ message });
      expect(
        result.intents.map((i) => i.type),
        message,
      ).toEqual(['social']);
      expect(result.reply, message).not.toMatch(CANT_HELP);
    }
  });

  it('meets a complaint with an apology and the offer of an advisor', async () => {
    const { pipeline } = await createTestPipeline();
    const result = await pipeline.runTurn({
      message: 'ya van 3 dias sin que me regresen la llamada, pesima atencion',
    });
    expect(result.intents[0]?.entities.socialKind).toBe('complaint');
    expect(result.reply).toMatch(/lamento|perdón/i);
    expect(result.reply).toMatch(/asesor/);
  });

  it('says a haggled price is fixed and offers financing and trade-in, never a yes', async () => {
    const { pipeline } = await createTestPipeline();
    const conversationId = 'haggle';
    await pipeline.runTurn({ conversationId, message: 'precio del versa 2018' });
    const result = await pipeline.runTurn({
      conversationId,
      message: 'si me lo dejas en 200 mil me lo llevo ahorita',
    });
    expect(result.intents.map((i) => i.type)).toEqual(['haggle']);
    expect(result.intents[0]?.entities.offeredPrice).toBe(200000);
    expect(result.reply).toContain('$220,999.00');
    expect(result.reply).toMatch(/fijo/);
    expect(result.reply).toMatch(/financiamiento/);
    expect(result.reply).toMatch(/a cuenta/);
    expect(result.reply).not.toMatch(SOUNDS_LIKE_YES);
    expect(result.reply).not.toContain('$200,000.00');
  });
});
