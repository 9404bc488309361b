import { AsyncLocalStorage } from 'node:async_hooks';
import twilio from 'twilio';
import type { ChannelCredentials, ReplySender, SendFailure } from '../channel.js';

/** The signal of the Twilio call under way: the SDK takes none, its axios instance does. */
const requestSignal = new AsyncLocalStorage<AbortSignal | undefined>();

/**
 * Sends WhatsApp messages through the Twilio REST API: `messages.create` with the real twilio SDK; retries are the queue's job, so the SDK's own are
 * off. With a secondary token, a 401 switches to the other token for good (the secondary was
 * promoted in the console), so a rotation needs no restart at the exact moment.
 */
export function createTwilioSender(
  credentials: ChannelCredentials,
  options: { timeoutMs?: number } = {},
): ReplySender {
  const tokens = [credentials.authToken, credentials.secondaryAuthToken].filter((t): t is string =>
    Boolean(t),
  );
  const clients = tokens.map((token) => {
    const httpClient = new twilio.RequestClient({ autoRetry: false, timeout: options.timeoutMs ?? 15_000 });
    httpClient.axios.interceptors.request.use((config) => {
      const signal = requestSignal.getStore();
      if (signal) config.signal = signal;
      return config;
    });
    const client = twilio(credentials.accountId, token, { httpClient });
    if (credentials.apiBaseUrl) client.api.baseUrl = credentials.apiBaseUrl;
    return client;
  });
  let current = 0;
  /** Runs `call` on the current client; on a 401 with a second token, on the other one for good. */
  async function withClient<T>(call: (client: twilio.Twilio) => Promise<T>): Promise<T> {
    try {
      return await call(clients[current]!);
    } catch (error) {
      if ((error as { status?: unknown }).status !== 401 || clients.length < 2) throw error;
      const other = (current + 1) % clients.length;
      const result = await call(clients[other]!);
      current = other;
      return result;
    }
  }
  return {
    send({ from, to, body }, signal) {
      return requestSignal.run(signal, () =>
        withClient(async (client) => (await client.messages.create({ from, to, body })).sid),
      );
    },
    findAccepted({ from, to, body, since, excluding }, signal) {
      return requestSignal.run(signal, () =>
        withClient(async (client) => {
          // Newest first; a lost answer is seconds old, so one page of this customer is enough.
          const recent = await client.messages.list({ from, to, limit: 50 });
          // date_created has whole seconds.
          const after = since.getTime() - 1_000;
          return recent.find(
            (m) =>
              m.body === body &&
              !excluding.has(m.sid) &&
              (m.dateCreated?.getTime() ?? Number.POSITIVE_INFINITY) >= after,
          )?.sid;
        }),
      );
    },
  };
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
