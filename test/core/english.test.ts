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

  it('keeps answering in English when a message is too short to tell', async () => {
    const { pipeline } = await createTestPipeline();
    const conversationId = 'short';
    await pipeline.runTurn({ conversationId, message: 'hi, I am looking for a cheap car' });
    const result = await pipeline.runTurn({ conversationId, message: 'ok 👍' });
    expect(result.trace.language).toBe('en');
    expect(detectLanguage(result.reply)).toBe('en');
  });

  it('says so when a part has no English (the knowledge base is written in Spanish)', async () => {
    const { pipeline } = await createTestPipeline();
    const result = await pipeline.runTurn({ message: 'what documents do I need to get a loan with you?' });
    expect(result.reply).toMatch(/only available in Spanish/);
    expect(result.reply).toMatch(/INE/);
  });

  it('answers a Spanish-speaking customer in Spanish, English loanwords and all', async () => {
    const { pipeline } = await createTestPipeline();
    const result = await pipeline.runTurn({ message: 'busco una suv full equipo con carplay, q tienes?' });
    expect(result.trace.language).toBe('es');
    expect(result.reply).not.toMatch(/only available in Spanish|I found|options for you/);
  });
});
