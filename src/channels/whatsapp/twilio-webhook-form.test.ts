import { describe, expect, it } from 'vitest';
import { redact } from '../../support/redact.js';
import {
  conversationIdFor,
  parseTwilioWebhook,
  twilioContentOf,
  TwilioWebhookFormSchema,
} from './twilio-webhook-form.js';

const form = {
  MessageSid: 'SM0123456789abcdef0123456789abcdef',
  AccountSid: `AC${'0'.repeat(32)}`,
  From: 'whatsapp:+5215512345678',
  To: 'whatsapp:+14155238886',
  Body: 'Hola',
  NumMedia: '0',
  ChannelMetadata: '{"type":"whatsapp"}',
};

describe('the inbound Twilio message', () => {
  it('keeps every field Twilio sends, known or not', () => {
    const parsed = TwilioWebhookFormSchema.parse(form);
    expect(parsed.ChannelMetadata).toBe('{"type":"whatsapp"}');
    expect(parsed.NumMedia).toBe(0);
    expect(TwilioWebhookFormSchema.safeParse({ From: 'whatsapp:+52155', To: 'x' }).success).toBe(false);
  });

  it('becomes a channel-neutral message that keeps the raw form as its payload', () => {
    expect(parseTwilioWebhook(form)).toEqual({
      ok: true,
      message: {
        channel: 'whatsapp',
        externalId: form.MessageSid,
        conversationId: conversationIdFor({ From: form.From }),
        from: form.From,
        to: form.To,
        body: 'Hola',
        mediaCount: 0,
        payload: form,
      },
    });
    expect(parseTwilioWebhook({ ...form, MessageSid: 'nope' })).toEqual({
      ok: false,
      problem: 'Missing or bad Twilio fields: MessageSid.',
    });
  });

  it('reads media and non-text content from a stored form', () => {
    expect(twilioContentOf({ NumMedia: '2' })).toEqual({ mediaCount: 2, otherContent: false });
    expect(twilioContentOf({ MessageType: 'location', Latitude: '19.43' })).toEqual({
      mediaCount: 0,
      otherContent: true,
    });
    expect(twilioContentOf({ MessageType: 'text', NumMedia: '0' })).toEqual({
      mediaCount: 0,
      otherContent: false,
    });
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
});
