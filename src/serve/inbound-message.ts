import { createHash } from 'node:crypto';
import { z } from 'zod';
import { MAX_MESSAGE_CHARS } from '../core/pipeline.js';
import { characterCount } from '../core/text.js';

const FormValue = z.union([z.string(), z.array(z.string())]);

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
export const InboundMessageSchema = z
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
export type InboundMessage = z.infer<typeof InboundMessageSchema>;

/** What the express form parser may hand over. */
export const FormFieldsSchema = z.record(z.string(), FormValue);
export type FormFields = z.infer<typeof FormFieldsSchema>;

/**
 * The conversation id of a WhatsApp customer: stable across messages (memory carries over),
 * but not the phone number, so ids can be logged and shared. base64url rather than hex so
 * the id never looks like a long run of digits to the log redactor.
 */
export function conversationIdFor(message: Pick<InboundMessage, 'WaId' | 'From'>): string {
  const digits = (message.WaId ?? message.From).replace(/\D/g, '');
  const key = digits || message.From;
  return `wa_${createHash('sha256').update(key).digest('base64url').slice(0, 16)}`;
}

/** What the worker should do with a message before any model is involved. */
export type InboundContent =
  { kind: 'text'; text: string } | { kind: 'notice'; reason: NoticeReason; reply: string };

export type NoticeReason = 'empty' | 'media_only' | 'too_long' | 'unsupported';

export const NOTICES: Record<NoticeReason, string> = {
  empty: '¡Hola! No recibí texto en tu mensaje. ¿Me cuentas qué auto buscas o en qué te puedo ayudar?',
  media_only:
    'Gracias por tu mensaje. Por ahora solo puedo leer texto: ¿me escribes qué auto buscas o qué te gustaría saber?',
  too_long:
    'Tu mensaje es un poco largo para mí. ¿Me lo puedes enviar más corto? Por ejemplo: "Busco un SUV 2020 con menos de 60 mil km".',
  unsupported:
    'Gracias. Por ahora solo puedo leer mensajes de texto: ¿me escribes qué auto buscas o en qué te puedo ayudar?',
};

/** Sent when a message keeps failing: the customer always hears back. */
export const FALLBACK_REPLY =
  'Una disculpa, en este momento no puedo responder tu mensaje. Un asesor de Kavak te escribirá en breve; también puedes intentarlo de nuevo en unos minutos.';

export function classifyInbound(message: { body: string; raw: Record<string, unknown> }): InboundContent {
  const body = message.body;
  // The pipeline's own limit, counted the same way: longer bodies get a polite notice, not a failed turn.
  if (characterCount(body.trim()) > MAX_MESSAGE_CHARS) return notice('too_long');
  if (body.trim()) return { kind: 'text', text: body.trim() };
  const media = Number(message.raw.NumMedia ?? 0);
  if (Number.isFinite(media) && media > 0) return notice('media_only');
  const type = typeof message.raw.MessageType === 'string' ? message.raw.MessageType : undefined;
  if ((type && type !== 'text') || message.raw.Latitude !== undefined) return notice('unsupported');
  return notice('empty');
}

function notice(reason: NoticeReason): InboundContent {
  return { kind: 'notice', reason, reply: NOTICES[reason] };
}
