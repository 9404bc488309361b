import { createHash } from 'node:crypto';
import { z } from 'zod';

/** Twilio's limit on what we read: longer bodies get a polite notice instead of a turn. */
export const MAX_BODY_BYTES = 4096;

const FormValue = z.union([z.string(), z.array(z.string())]);

/**
 * The Twilio WhatsApp webhook form. Loose on purpose: Twilio adds fields without notice, and
 * every field counts for the signature and is stored raw.
 */
export const InboundMessageSchema = z.looseObject({
  MessageSid: z.string().regex(/^[A-Za-z0-9]{10,64}$/, 'a Twilio message sid'),
  From: z.string().min(3),
  To: z.string().min(3),
  Body: z.string().default(''),
  ProfileName: z.string().optional(),
  WaId: z.string().optional(),
  NumMedia: z.coerce.number().int().min(0).default(0),
  MessageType: z.string().optional(),
  Latitude: z.string().optional(),
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
  if (Buffer.byteLength(body, 'utf8') > MAX_BODY_BYTES) return notice('too_long');
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
