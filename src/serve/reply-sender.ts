import twilio from 'twilio';

/** Sends one WhatsApp message through the Twilio REST API and returns its message sid. */
export interface RestReplySender {
  send(message: { from: string; to: string; body: string }): Promise<string>;
}

export interface TwilioCredentials {
  accountSid: string;
  authToken: string;
  /** During a token rotation: the secondary token, used when the first one is refused (401). */
  secondaryAuthToken?: string;
  /**
   * Another REST API root instead of https://api.twilio.com (a local fake in tests, or an
   * egress proxy). Set with KAVAK_TWILIO_API_URL.
   */
  apiBaseUrl?: string;
}

/**
 * `messages.create` with the real twilio SDK; retries are the queue's job, so the SDK's own are
 * off. With a secondary token, a 401 switches to the other token for good (the secondary was
 * promoted in the console), so a rotation needs no restart at the exact moment.
 */
export function createTwilioSender(
  credentials: TwilioCredentials,
  options: { timeoutMs?: number } = {},
): RestReplySender {
  const tokens = [credentials.authToken, credentials.secondaryAuthToken].filter((t): t is string =>
    Boolean(t),
  );
  const clients = tokens.map((token) => {
    const client = twilio(credentials.accountSid, token, {
      autoRetry: false,
      timeout: options.timeoutMs ?? 15_000,
    });
    if (credentials.apiBaseUrl) client.api.baseUrl = credentials.apiBaseUrl;
    return client;
  });
  let current = 0;
  return {
    async send({ from, to, body }) {
      try {
        return (await clients[current]!.messages.create({ from, to, body })).sid;
      } catch (error) {
        if ((error as { status?: unknown }).status !== 401 || clients.length < 2) throw error;
        const other = (current + 1) % clients.length;
        const sid = (await clients[other]!.messages.create({ from, to, body })).sid;
        current = other;
        return sid;
      }
    },
  };
}

/** Whether a failed send is worth another try, and what to record. */
export interface SendFailure {
  retryable: boolean;
  /** e.g. twilio_429, twilio_21211, twilio_network */
  kind: string;
  reason: string;
}

/**
 * Statuses a later try can outlast: a credential outage or rotation (401, 403), a timeout or
 * conflict (408, 409), throttling (429); every 5xx too, and no answer at all (the network).
 * Any other 4xx is Twilio refusing this message for good: 21211 invalid number, 21610 the
 * customer replied STOP, 63016 the 24-hour window closed, 21614 not a mobile number …
 */
const RETRYABLE_STATUSES = new Set([401, 403, 408, 409, 429]);

export function describeSendFailure(error: unknown): SendFailure {
  const facts = error as { status?: unknown; code?: unknown; message?: unknown };
  const status = typeof facts.status === 'number' ? facts.status : undefined;
  const code =
    typeof facts.code === 'number' || typeof facts.code === 'string' ? String(facts.code) : undefined;
  const message = typeof facts.message === 'string' ? facts.message : String(error);
  if (status === undefined)
    return { retryable: true, kind: 'twilio_network', reason: `Twilio could not be reached: ${message}` };
  const retryable = status >= 500 || RETRYABLE_STATUSES.has(status);
  return {
    retryable,
    kind: `twilio_${retryable ? status : (code ?? status)}`,
    reason: `Twilio refused the reply (HTTP ${status}${code ? `, error ${code}` : ''}): ${message}`,
  };
}
