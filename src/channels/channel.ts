import { z } from 'zod';

/**
 * The channels `kavak serve` can talk on. A new name without its folder under src/channels and
 * its line in the registry (src/app/channels.ts) fails to compile.
 */
export const ChannelNameSchema = z.enum(['whatsapp']);
export type ChannelName = z.infer<typeof ChannelNameSchema>;

/** What a body parser may hand over: field names to one value or several. */
export const WebhookFieldsSchema = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
export type WebhookFields = z.infer<typeof WebhookFieldsSchema>;

/** An inbound message as serve stores and works on it, whichever channel brought it. */
export const InboundMessageSchema = z.object({
  channel: ChannelNameSchema,
  /** The provider's id of the message: the same id twice is the same message (idempotency). */
  externalId: z.string().min(1),
  /** Stable per customer, and not their address, so it can be logged. */
  conversationId: z.string().min(1),
  /** The customer's address (mask it before logging). */
  from: z.string().min(1),
  /** The address that received the message; replies go out from it. */
  to: z.string().min(1),
  body: z.string(),
  mediaCount: z.number().int().min(0),
  /** Every field the provider sent, as received: opaque outside the channel. */
  payload: WebhookFieldsSchema,
});
export type InboundMessage = z.infer<typeof InboundMessageSchema>;

/** Whether a webhook body is a message; when not, `problem` says which fields are wrong. */
export type ParsedInbound = { ok: true; message: InboundMessage } | { ok: false; problem: string };

/** What a message holds besides its text, read from its stored payload (for the polite notices). */
export interface NonTextContent {
  mediaCount: number;
  /** A location, contact, sticker … something that is not text or media. */
  otherContent: boolean;
}

/** How the webhook decides a request comes from the provider. */
export type SignaturePolicy =
  | {
      kind: 'verify';
      /** The auth token, then during a rotation the secondary one: a signature by either passes. */
      authTokens: string[];
      /** The URL the provider calls, e.g. https://bot.example.com */
      publicUrl?: string;
    }
  | { kind: 'insecure' };

/** A webhook request as the channel needs it to check the signature. */
export interface SignedRequest {
  /** The URL the provider signed (serve works it out from --public-url or the request). */
  url: string;
  /** The value of the channel's signature header, if any. */
  signature: string | undefined;
  fields: WebhookFields;
}

/** The provider's API account a channel sends replies with. */
export interface ChannelCredentials {
  accountId: string;
  authToken: string;
  /** During a token rotation: the secondary token, used when the first one is refused. */
  secondaryAuthToken?: string;
  /** Another API root instead of the provider's (a local fake in tests, or an egress proxy). */
  apiBaseUrl?: string;
}

export interface OutboundMessage {
  from: string;
  to: string;
  body: string;
}

/** Sends reply messages through the provider's API. */
export interface ReplySender {
  /** Sends one message and returns the provider's id for it; `signal` aborts the request (a shutdown). */
  send(message: OutboundMessage, signal?: AbortSignal): Promise<string>;
  /**
   * The id of a message with this body the provider already accepted for this customer since
   * `since`, other than `excluding` (ids recorded for other replies): a send whose answer was
   * lost. Absent when the sender cannot ask.
   */
  findAccepted?(
    message: OutboundMessage & { since: Date; excluding: ReadonlySet<string> },
    signal?: AbortSignal,
  ): Promise<string | undefined>;
}

/** Whether a failed send is worth another try, and what to record. */
export interface SendFailure {
  retryable: boolean;
  /** A metrics label, e.g. twilio_429 */
  kind: string;
  reason: string;
}

/** The body of a webhook answer that carries the reply inline (or acknowledges with none). */
export interface WebhookReply {
  contentType: string;
  body: string;
}

/**
 * Everything serve needs to know about one messaging channel; the rest of serve is
 * channel-neutral. Function properties, not methods: the wiring hands them around on their own.
 */
export interface Channel {
  name: ChannelName;
  /** Where the provider posts inbound messages, e.g. /twilio/whatsapp */
  webhookPath: string;
  /** How the provider encodes the webhook body. */
  bodyFormat: 'form' | 'json';
  /** The request header that carries the provider's signature. */
  signatureHeader: string;
  /** The most characters one message may hold. */
  maxMessageChars: number;
  /** A reply as sent: one or more messages within `maxMessageChars`. */
  splitReply: (text: string) => string[];
  /** Validates a webhook body into a channel-neutral message. */
  parseInbound: (fields: WebhookFields) => ParsedInbound;
  /** What a stored payload holds besides text. */
  contentOf: (payload: Record<string, unknown>) => NonTextContent;
  verifySignature: (request: SignedRequest, policy: Extract<SignaturePolicy, { kind: 'verify' }>) => boolean;
  /** The webhook answer carrying `messages` (none: acknowledge only). */
  renderWebhookReply: (messages: readonly string[]) => WebhookReply;
  createSender: (credentials: ChannelCredentials, options?: { timeoutMs?: number }) => ReplySender;
  describeSendFailure: (error: unknown) => SendFailure;
  /** Said when a reply must go by the API and there are no credentials for it. */
  credentialsHint: string;
}
