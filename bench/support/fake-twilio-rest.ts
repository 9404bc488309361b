/**
 * A minimal Twilio REST API on 127.0.0.1 (POST /2010-04-01/Accounts/{sid}/Messages.json) for
 * the webhook bench: the twilio SDK inside `kavak serve` sends replies here. It checks Basic
 * auth, answers 201 with a sid, and keeps, per customer, the bodies it was sent, so the bench can
 * tell every message was replied to exactly once.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { text } from 'node:stream/consumers';
import type { AddressInfo } from 'node:net';
import { twilioMessageResource } from '../../src/channels/whatsapp/twilio-message-resource.js';

export interface FakeTwilioRest {
  /** For KAVAK_TWILIO_API_URL. */
  readonly url: string;
  /** Bodies sent to each customer address (whatsapp:+52…), in arrival order. */
  readonly sent: ReadonlyMap<string, string[]>;
  /** Messages accepted. */
  readonly total: () => number;
  /** Requests refused (bad auth or path). */
  readonly refused: () => number;
  close(): Promise<void>;
}

export async function startFakeTwilioRest(credentials: {
  accountSid: string;
  authToken: string;
}): Promise<FakeTwilioRest> {
  const sent = new Map<string, string[]>();
  let total = 0;
  let refused = 0;
  const expectedAuth = `Basic ${Buffer.from(`${credentials.accountSid}:${credentials.authToken}`).toString('base64')}`;
  const path = `/2010-04-01/Accounts/${credentials.accountSid}/Messages.json`;

  const server = createServer((req, res) => {
    void text(req).then((raw) => {
      const answer = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.method !== 'POST' || req.url !== path || req.headers.authorization !== expectedAuth) {
        refused += 1;
        return answer(req.url === path ? 401 : 404, {
          code: 20003,
          message: 'refused by the bench fake',
          status: 401,
        });
      }
      const form = new URLSearchParams(raw);
      const to = form.get('To') ?? '';
      const body = form.get('Body') ?? '';
      sent.set(to, [...(sent.get(to) ?? []), body]);
      total += 1;
      const sid = `SM${randomBytes(16).toString('hex')}`;
      answer(
        201,
        twilioMessageResource({ sid, accountSid: credentials.accountSid, from: form.get('From'), to, body }),
      );
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    sent,
    total: () => total,
    refused: () => refused,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
