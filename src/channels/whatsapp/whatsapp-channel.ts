import type { Channel } from '../channel.js';
import { createTwilioSender, describeSendFailure } from './reply-sender.js';
import { splitForWhatsApp, WHATSAPP_MAX_CHARS } from './split-reply.js';
import { hasValidSignature, SIGNATURE_HEADER } from './twilio-signature.js';
import { parseTwilioWebhook, twilioContentOf } from './twilio-webhook-form.js';
import { twimlResponse } from './twiml.js';

/** WhatsApp through Twilio: the form webhook, X-Twilio-Signature, TwiML and the REST API. */
export const whatsappChannel: Channel = {
  name: 'whatsapp',
  webhookPath: '/twilio/whatsapp',
  bodyFormat: 'form',
  signatureHeader: SIGNATURE_HEADER,
  maxMessageChars: WHATSAPP_MAX_CHARS,
  splitReply: (text) => splitForWhatsApp(text),
  parseInbound: parseTwilioWebhook,
  contentOf: twilioContentOf,
  verifySignature: hasValidSignature,
  renderWebhookReply: (messages) => ({ contentType: 'text/xml', body: twimlResponse(messages) }),
  createSender: createTwilioSender,
  describeSendFailure,
  credentialsHint: 'set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN',
};
