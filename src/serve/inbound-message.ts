import type { NonTextContent } from '../channels/channel.js';
import { MAX_MESSAGE_CHARS } from '../core/pipeline.js';
import { characterCount } from '../core/text.js';

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

/** `content` is what the channel read from the message's payload besides its text. */
export function classifyInbound(body: string, content: NonTextContent): InboundContent {
  // The pipeline's own limit, counted the same way: longer bodies get a polite notice, not a failed turn.
  if (characterCount(body.trim()) > MAX_MESSAGE_CHARS) return notice('too_long');
  if (body.trim()) return { kind: 'text', text: body.trim() };
  if (content.mediaCount > 0) return notice('media_only');
  if (content.otherContent) return notice('unsupported');
  return notice('empty');
}

function notice(reason: NoticeReason): InboundContent {
  return { kind: 'notice', reason, reply: NOTICES[reason] };
}
