import { describe, expect, it } from 'vitest';
import { classifyInbound, NOTICES } from './inbound-message.js';

const textOnly = { mediaCount: 0, otherContent: false };

describe('an inbound message before the model', () => {
  it('sends text to the pipeline and answers what it cannot read with a polite notice', () => {
    expect(classifyInbound('  Busco un Jetta ', textOnly)).toEqual({
      kind: 'text',
      text: 'Busco un Jetta',
    });
    expect(classifyInbound('mira esta foto', { mediaCount: 1, otherContent: false })).toEqual({
      kind: 'text',
      text: 'mira esta foto',
    });
    expect(classifyInbound(' ', textOnly)).toMatchObject({
      kind: 'notice',
      reason: 'empty',
      reply: NOTICES.empty,
    });
    expect(classifyInbound('', { mediaCount: 2, otherContent: false })).toMatchObject({
      reason: 'media_only',
    });
    expect(classifyInbound('', { mediaCount: 0, otherContent: true })).toMatchObject({
      reason: 'unsupported',
    });
  });

  it('counts the length limit in characters, not bytes: accents and emoji are one each', () => {
    // 2,100 "ñ" are 4,200 bytes but 2,100 characters, well inside the 4,096 limit.
    expect(classifyInbound('ñ'.repeat(2100), textOnly).kind).toBe('text');
    expect(classifyInbound('ñ'.repeat(4096), textOnly).kind).toBe('text');
    expect(classifyInbound('🚗'.repeat(4096), textOnly).kind).toBe('text'); // 8,192 UTF-16 units
    expect(classifyInbound('ñ'.repeat(4097), textOnly)).toMatchObject({ reason: 'too_long' });
  });
});
