import { randomBytes } from 'node:crypto';
import { readTwimlMessages } from './twiml.js';
import { signTwilioRequest } from './twilio-signature.js';

/** The Twilio WhatsApp sandbox number, the usual `To` while trying things out. */
export const SANDBOX_NUMBER = '+14155238886';

export interface SimulatedMessage {
  body: string;
  /** The customer's number, e.g. +5215512345678. */
  from: string;
  to?: string;
  profileName?: string;
  /** Reuse one to test idempotency; a fresh SM… sid otherwise. */
  messageSid?: string;
  mediaUrls?: string[];
  accountSid?: string;
}

/** The form fields Twilio posts for an inbound WhatsApp message. */
export function twilioWebhookForm(message: SimulatedMessage): Record<string, string> {
  const from = withWhatsApp(message.from);
  const media = message.mediaUrls ?? [];
  const form: Record<string, string> = {
    SmsMessageSid: '',
    NumMedia: String(media.length),
    ProfileName: message.profileName ?? 'Cliente de prueba',
    MessageType: media.length ? 'image' : 'text',
    SmsSid: '',
    WaId: from.replace(/\D/g, ''),
    SmsStatus: 'received',
    Body: message.body,
    To: withWhatsApp(message.to ?? SANDBOX_NUMBER),
    NumSegments: '1',
    ReferralNumMedia: '0',
    MessageSid: message.messageSid ?? `SM${randomBytes(16).toString('hex')}`,
    AccountSid: message.accountSid ?? `AC${'0'.repeat(32)}`,
    From: from,
    ApiVersion: '2010-04-01',
  };
  form.SmsMessageSid = form.MessageSid!;
  form.SmsSid = form.MessageSid!;
  media.forEach((url, i) => {
    form[`MediaUrl${i}`] = url;
    form[`MediaContentType${i}`] = 'image/jpeg';
  });
  return form;
}

export interface WebhookAnswer {
  status: number;
  headers: Headers;
  /** The <Message> bodies of the TwiML answer (empty when the reply goes by REST). */
  messages: string[];
  body: string;
}

/** Posts a form to a webhook URL signed with `authToken`, exactly as Twilio would. */
export async function postTwilioWebhook(options: {
  url: string;
  form: Record<string, string>;
  authToken: string;
  timeoutMs?: number;
  /** The URL to sign when it differs from `url` (the server's --public-url). */
  signedUrl?: string;
  /** Sign with this instead (tests of bad signatures); null sends no signature. */
  signature?: string | null;
}): Promise<WebhookAnswer> {
  const signature =
    options.signature === undefined
      ? signTwilioRequest(options.authToken, options.signedUrl ?? options.url, options.form)
      : options.signature;
  const response = await fetch(options.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'user-agent': 'TwilioProxy/1.1',
      ...(signature === null ? {} : { 'x-twilio-signature': signature }),
    },
    body: new URLSearchParams(options.form).toString(),
    signal: AbortSignal.timeout(options.timeoutMs ?? 20_000),
  });
  const body = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    messages: response.ok ? readTwimlMessages(body) : [],
    body,
  };
}

function withWhatsApp(address: string): string {
  return address.startsWith('whatsapp:') ? address : `whatsapp:${address}`;
}
