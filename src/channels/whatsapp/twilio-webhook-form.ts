import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { NonTextContent, ParsedInbound, WebhookFields } from '../channel.js';

/**
 * Twilio's signature is an HMAC of the URL and every key and value run together, so a captured
 * request re-sent as `MessageSid=<sid>MessageTypetext` without `MessageType` keeps a valid
 * signature. Exact formats for the fields we act on close that: a sid cannot absorb a neighbour.
 */
const MessageSid = z.string().regex(/^(SM|MM)[0-9a-fA-F]{32}$/, 'a Twilio message sid (SM or MM + 32 hex)');
const WhatsAppAddress = z
  .string()
  .regex(/^whatsapp:\+[1-9]\d{6,14}$/, 'a WhatsApp address (whatsapp:+E.164)');
const FormCount = z.string().regex(/^\d{1,2}$/, 'a small count');

/**
 * The Twilio WhatsApp webhook form. Loose on purpose: Twilio adds fields without notice, and
 * every field counts for the signature and is stored raw. Strict on the fields we act on.
 */
export const TwilioWebhookFormSchema = z
  .looseObject({
    MessageSid,
    /** Deprecated copies of MessageSid Twilio still sends. */
    SmsMessageSid: MessageSid.optional(),
    SmsSid: MessageSid.optional(),
    AccountSid: z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'a Twilio account sid (AC + 32 hex)'),
    From: WhatsAppAddress,
    To: WhatsAppAddress,
    Body: z.string().default(''),
    ProfileName: z.string().optional(),
    WaId: z
      .string()
      .regex(/^\d{7,15}$/, 'a WhatsApp id (digits)')
      .optional(),
    NumMedia: FormCount.default('0').transform(Number),
    NumSegments: FormCount.optional(),
    ReferralNumMedia: FormCount.optional(),
    MessageType: z
      .string()
      .regex(/^[a-z_]{1,32}$/, 'a message type')
      .optional(),
    Latitude: z.string().optional(),
  })
  .superRefine((message, ctx) => {
    for (const copy of ['SmsMessageSid', 'SmsSid'] as const) {
      if (message[copy] !== undefined && message[copy] !== message.MessageSid)
        ctx.addIssue({ code: 'custom', path: [copy], message: 'differs from MessageSid' });
    }
  });
export type TwilioWebhookForm = z.infer<typeof TwilioWebhookFormSchema>;

/** The Twilio form as a channel-neutral message; `problem` names the fields that are wrong. */
export function parseTwilioWebhook(fields: WebhookFields): ParsedInbound {
  const parsed = TwilioWebhookFormSchema.safeParse(fields);
  if (!parsed.success) {
    const wrong = parsed.error.issues.map((i) => i.path.join('.')).join(', ');
    return { ok: false, problem: `Missing or bad Twilio fields: ${wrong}.` };
  }
  const form = parsed.data;
  return {
    ok: true,
    message: {
      channel: 'whatsapp',
      externalId: form.MessageSid,
      conversationId: conversationIdFor(form),
      from: form.From,
      to: form.To,
      body: form.Body,
      mediaCount: form.NumMedia,
      payload: fields,
    },
  };
}

/**
 * The conversation id of a WhatsApp customer: stable across messages (memory carries over),
 * but not the phone number, so ids can be logged and shared. base64url rather than hex so
 * the id never looks like a long run of digits to the log redactor.
 */
export function conversationIdFor(message: Pick<TwilioWebhookForm, 'WaId' | 'From'>): string {
  const digits = (message.WaId ?? message.From).replace(/\D/g, '');
  const key = digits || message.From;
  return `wa_${createHash('sha256').update(key).digest('base64url').slice(0, 16)}`;
}

/** Media and non-text content (a location, a contact …) of a stored Twilio form. */
export function twilioContentOf(payload: Record<string, unknown>): NonTextContent {
  const media = Number(payload.NumMedia ?? 0);
  const type = typeof payload.MessageType === 'string' ? payload.MessageType : undefined;
  return {
    mediaCount: Number.isFinite(media) && media > 0 ? media : 0,
    otherContent: (type !== undefined && type !== 'text') || payload.Latitude !== undefined,
  };
}
