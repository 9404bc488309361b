import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../src/tools/text/language.js';
import { createTestPipeline } from '../helpers/test-pipeline.js';

describe('a customer who writes in English, on the offline runtime', () => {
  it('is answered in English through a whole conversation, with the same figures', async () => {
    const { pipeline } = await createTestPipeline();
    const conversationId = 'english';
    const turns = [
      'hey there, do you guys have a nissan versa?',
      'what would I pay monthly putting 50k down for 3 years?',
      'cool, could I come see it saturday morning? my name is John',
      'perfect thank you',
    ];
    const replies: string[] = [];
    for (const message of turns) {
      const result = await pipeline.runTurn({ conversationId, message });
      expect(result.trace.language, message).toBe('en');
      replies.push(result.reply);
    }
    for (const reply of replies) expect(detectLanguage(reply), reply).not.toBe('es');
    expect(replies[0]).toContain('$265,999.00');
    // The plan is the financing tool's: 36 months with $50,000.00 down on the 2020 Versa.
    expect(replies[1]).toContain('$50,000.00');
    expect(replies[1]).toMatch(/36 months \(3 years\): \$6,969\.68 a month/);
    expect(replies[2]).toContain('John');
    expect(replies[3]).not.toMatch(/no te puedo ayudar|can.t help/i);
  });

  it('answers a question about the cars just listed in English, line by line', async () => {
    const { pipeline } = await createTestPipeline();
    const conversationId = 'list-question';
    await pipeline.runTurn({ conversationId, message: 'got any cheap hatchbacks? like under 250k' });
    const { reply } = await pipeline.runTurn({ conversationId, message: 'are they manual??' });
    expect(reply).toMatch(/transmission/i);
    expect(reply).not.toMatch(/Transmisión|Pasajeros|Versión/);
    for (const line of reply.split('\n').filter((l) => l.trim() !== '')) {
      expect(detectLanguage(line), line).not.toBe('es');
    }
  });

  it('keeps answering in English when a message is too short to tell', async () => {
    const { pipeline } = await createTestPipeline();
    const conversationId = 'short';
    await pipeline.runTurn({ conversationId, message: 'hi, I am looking for a cheap car' });
    const result = await pipeline.runTurn({ conversationId, message: 'ok 👍' });
    expect(result.trace.language).toBe('en');
    expect(detectLanguage(result.reply)).toBe('en');
  });

  it('answers questions about Kavak from the English knowledge base, with its figures', async () => {
    const { pipeline } = await createTestPipeline();
    const conversationId = 'knowledge';
    const ask = async (message: string): Promise<string> => {
      const { reply, trace } = await pipeline.runTurn({ conversationId, message });
      expect(trace.language, message).toBe('en');
      expect(reply, message).not.toMatch(/only available in Spanish/);
      expect(detectLanguage(reply), reply).not.toBe('es');
      return reply;
    };
    expect(await ask('what documents do I need to get a loan with you?')).toMatch(/Proof of income/);
    expect(await ask('and what warranty comes with the cars?')).toMatch(/warranty of 3 months/);
    expect(await ask('can I give it back? I have had it for 10 days already')).toMatch(
      /past the trial period of 7 days or 300 km/,
    );
    expect(await ask('do you have a branch in Oaxaca?')).toMatch(/no branch in Oaxaca/);
    expect(await ask('what time does the Explanada branch open?')).toMatch(/9:00 to 18:00, every day/);
  });

  it('states a financing plan and what the customer can afford in English', async () => {
    const { pipeline } = await createTestPipeline();
    const conversationId = 'plan';
    await pipeline.runTurn({ conversationId, message: 'hi, do you have the nissan versa 2020?' });
    const plan = (
      await pipeline.runTurn({ conversationId, message: 'how much a month with the minimum down payment?' })
    ).reply;
    expect(plan).toMatch(
      /With the minimum down payment \(10%\) of \$26,599\.90, you finance \$239,399\.10\./,
    );
    expect(plan).toMatch(/- 36 months: \$7,724\.74 a month/);
    expect(plan).not.toMatch(/enganche|al mes|meses/);
    const afford = (
      await pipeline.runTurn({
        conversationId,
        message: 'what can I afford paying 5k a month with 50k down?',
      })
    ).reply;
    expect(afford).toMatch(/you can afford a car of up to \$/);
    expect(afford).toMatch(/priced at \$[\d,.]+ \(ID \d+\) → \$[\d,.]+ a month/);
    expect(afford).not.toMatch(/enganche|al mes|te alcanza/);
  });

  it('answers questions about the car in focus in English, never with a plan or a new search', async () => {
    const { pipeline } = await createTestPipeline();
    const conversationId = 'car-facts';
    await pipeline.runTurn({ conversationId, message: 'hey, got a mazda 3 2021?' });
    const facts = (
      await pipeline.runTurn({ conversationId, message: 'whats the mileage? and is it automatic' })
    ).reply;
    expect(facts).toMatch(/priced at \$346,999\.00 \(ID 302496\)/);
    expect(facts).toMatch(/It has 22,700 km\./);
    expect(facts).toMatch(/automatic transmission/);
    const size = (
      await pipeline.runTurn({ conversationId, message: 'how wide is it, my garage is only 1.7 m wide' })
    ).reply;
    expect(size).toMatch(/It is 1,797 mm wide\./);
    expect(size).toMatch(/does not fit widthwise: it is 97 mm wider than your 1,700 mm space/);
    expect(size).not.toMatch(/long|a month/);
  });

  it('says in English how a search was widened and that an advisor will call', async () => {
    const { pipeline } = await createTestPipeline();
    const conversationId = 'widened';
    const widened = (
      await pipeline.runTurn({
        conversationId,
        message: 'hello, do you have a 2024 hilux with carplay for 100k?',
      })
    ).reply;
    expect(widened).toMatch(/Widening the year, the make and the budget, the closest are:/);
    const handoff = (await pipeline.runTurn({ conversationId, message: 'could a person call me back later' }))
      .reply;
    expect(handoff).toMatch(/^Sure\. I have asked a Kavak advisor to contact you/);
  });

  it('answers a Spanish-speaking customer in Spanish, English loanwords and all', async () => {
    const { pipeline } = await createTestPipeline();
    const result = await pipeline.runTurn({ message: 'busco una suv full equipo con carplay, q tienes?' });
    expect(result.trace.language).toBe('es');
    expect(result.reply).not.toMatch(/only available in Spanish|I found|options for you/);
  });
});
