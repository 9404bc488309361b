import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { text } from 'node:stream/consumers';
import { twilioMessageResource } from '../../channels/whatsapp/twilio-message-resource.js';
import { UserInputError } from '../../support/errors.js';

/**
 * Plays the Twilio REST API's Messages endpoint on 127.0.0.1, so an eval can read the replies
 * of a `kavak serve` in REST reply mode: point the server's KAVAK_TWILIO_API_URL at it. It
 * keeps each message for the customer it is addressed to until the eval takes it.
 */
export interface CaptureServer {
  /** For KAVAK_TWILIO_API_URL, e.g. http://127.0.0.1:4010. */
  readonly url: string;
  /**
   * The messages sent to `to` from now on: resolves once one came and no other followed for
   * `settleMs` (a long reply comes split in several), or with [] after `timeoutMs`.
   */
  takeReply(
    to: string,
    wait: { timeoutMs: number; settleMs: number; signal?: AbortSignal },
  ): Promise<string[]>;
  close(): Promise<void>;
}

export async function startCaptureServer(options: {
  port: number;
  /** Twilio's Basic auth (account sid : auth token) the serve process sends; checked when given. */
  accountSid?: string;
  authToken?: string;
}): Promise<CaptureServer> {
  const inbox = new Map<string, string[]>();
  const listeners = new Set<() => void>();
  const expectedAuth =
    options.accountSid && options.authToken
      ? `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64')}`
      : undefined;

  const server = createServer((req, res) => {
    const answer = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    void text(req).then((raw) => {
      const match = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(
        new URL(req.url ?? '/', 'http://x').pathname,
      );
      if (req.method !== 'POST' || !match)
        return answer(404, { code: 20404, message: 'Not found', status: 404 });
      if (expectedAuth && req.headers.authorization !== expectedAuth) {
        return answer(401, { code: 20003, message: 'Authenticate', status: 401 });
      }
      const form = new URLSearchParams(raw);
      const to = form.get('To') ?? '';
      inbox.set(to, [...(inbox.get(to) ?? []), form.get('Body') ?? '']);
      for (const listener of listeners) listener();
      const sid = `SM${randomBytes(16).toString('hex')}`;
      answer(
        201,
        twilioMessageResource({
          sid,
          accountSid: match[1]!,
          from: form.get('From'),
          to,
          body: form.get('Body'),
        }),
      );
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new UserInputError(
          `--capture-port ${options.port}: cannot listen on 127.0.0.1 (${error.code ?? error.message}).`,
          {
            hint: 'Pick a free port, and point the serve process’s KAVAK_TWILIO_API_URL at it.',
            exitCode: 2,
          },
        ),
      ),
    );
    server.listen(options.port, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    takeReply(to, wait) {
      return new Promise((resolve) => {
        let settle: NodeJS.Timeout | undefined;
        const done = () => {
          clearTimeout(deadline);
          clearTimeout(settle);
          listeners.delete(onMessage);
          wait.signal?.removeEventListener('abort', done);
          const taken = inbox.get(to) ?? [];
          inbox.delete(to);
          resolve(taken);
        };
        const onMessage = () => {
          if (!inbox.get(to)?.length) return;
          clearTimeout(settle);
          settle = setTimeout(done, wait.settleMs);
        };
        const deadline = setTimeout(done, wait.timeoutMs);
        listeners.add(onMessage);
        wait.signal?.addEventListener('abort', done, { once: true });
        onMessage();
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
