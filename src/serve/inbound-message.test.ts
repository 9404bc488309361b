import { describe, expect, it } from 'vitest';
import { redact } from '../core/redact.js';
import { classifyInbound, conversationIdFor, InboundMessageSchema, NOTICES } from './inbound-message.js';

describe('the inbound Twilio message', () => {
  it('keeps every field Twilio sends, known or not', () => {
    const parsed = InboundMessageSchema.parse({
      MessageSid: 'SM0123456789abcdef0123456789abcdef',
      AccountSid: `AC${'0'.repeat(32)}`,
      From: 'whatsapp:+5215512345678',
      To: 'whatsapp:+14155238886',
      Body: 'Hola',
      NumMedia: '0',
      ChannelMetadata: '{"type":"whatsapp"}',
    });
    expect(parsed.ChannelMetadata).toBe('{"type":"whatsapp"}');
    expect(parsed.NumMedia).toBe(0);
    expect(InboundMessageSchema.safeParse({ From: 'whatsapp:+52155', To: 'x' }).success).toBe(false);
  });

  it('gives a customer one stable conversation id that is not their phone number', () => {
    const fromWaId = conversationIdFor({ WaId: '5215512345678', From: 'whatsapp:+5215512345678' });
    const fromFrom = conversationIdFor({ From: 'whatsapp:+5215512345678' });
    expect(fromWaId).toBe(fromFrom);
    expect(fromWaId).toMatch(/^wa_[A-Za-z0-9_-]{16}$/);
    expect(fromWaId).not.toContain('5512345678');
    expect(redact(fromWaId)).toBe(fromWaId);
    expect(conversationIdFor({ From: 'whatsapp:+5215500000000' })).not.toBe(fromWaId);
  });

  it('sends text to the pipeline and answers what it cannot read with a polite notice', () => {
    expect(classifyInbound({ body: '  Busco un Jetta ', raw: {} })).toEqual({
      kind: 'text',
      text: 'Busco un Jetta',
    });
    expect(classifyInbound({ body: 'mira esta foto', raw: { NumMedia: '1' } })).toEqual({
      kind: 'text',
      text: 'mira esta foto',
    });
    expect(classifyInbound({ body: ' ', raw: {} })).toMatchObject({
      kind: 'notice',
      reason: 'empty',
      reply: NOTICES.empty,
    });
    expect(classifyInbound({ body: '', raw: { NumMedia: '2' } })).toMatchObject({ reason: 'media_only' });
    expect(classifyInbound({ body: '', raw: { MessageType: 'location', Latitude: '19.43' } })).toMatchObject({
      reason: 'unsupported',
    });
  });

  it('counts the length limit in characters, not bytes: accents and emoji are one each', () => {
    // 2,100 "ñ" are 4,200 bytes but 2,100 characters, well inside WhatsApp's 4,096.
    expect(classifyInbound({ body: 'ñ'.repeat(2100), raw: {} }).kind).toBe('text');
    expect(classifyInbound({ body: 'ñ'.repeat(4096), raw: {} }).kind).toBe('text');
    expect(classifyInbound({ body: '🚗'.repeat(4096), raw: {} }).kind).toBe('text'); // 8,192 UTF-16 units
    expect(classifyInbound({ body: 'ñ'.repeat(4097), raw: {} })).toMatchObject({ reason: 'too_long' });
  });
});
