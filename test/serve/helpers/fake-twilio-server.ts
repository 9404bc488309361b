import { text } from 'node:stream/consumers';
/**
 * A local stand-in for the Twilio REST API (POST /2010-04-01/Accounts/{sid}/Messages.json) on
 * 127.0.0.1: the real twilio SDK, its base URL pointed here, sends replies to it. It checks
 * Basic auth like Twilio, records every message, and can be scripted to fail.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export const TEST_ACCOUNT_SID = `AC${'a1'.repeat(16)}`;
export const TEST_AUTH_TOKEN = 'test-auth-token-0123456789abcdef';

export interface SentMessage {
  /** Order of arrival at the fake, over all customers. */
  seq: number;
  sid: string;
  from: string;
  to: string;
  body: string;
}

export interface ScriptedFailure {
  status: number;
  code: number;
  message: string;
}

export interface FakeTwilioServer {
  /** For `client.api.baseUrl` / KAVAK_TWILIO_API_URL. */
  readonly url: string;
  /** Messages accepted (2xx), in order. */
  readonly messages: SentMessage[];
  /** Requests refused by a scripted failure or bad auth. */
  readonly refused: { status: number; body: string }[];
  /** Accept only this auth token from now on (the console promoted a secondary token). */
  rotateAuthToken(token: string): void;
  /** The next `times` requests fail with this answer. */
  failNext(failure: ScriptedFailure, times?: number): void;
  /** The next send is accepted (recorded) but its response is lost: the connection drops. */
  dropNextResponse(): void;
  /** Called for each accepted send before it is answered (e.g. to kill the sender right then). */
  onAccepted(listener: (message: SentMessage) => void): void;
  /** The next sends never get an answer (a hanging Twilio); `hanging` counts them. */
  hangNext(times?: number): void;
  readonly hanging: number;
  /** Messages sent to one customer address (e.g. whatsapp:+5215550000001). */
  to(customer: string): SentMessage[];
  /** Resolves when `count` messages were accepted; rejects after `timeoutMs`. */
  waitForMessages(count: number, timeoutMs?: number): Promise<SentMessage[]>;
  close(): Promise<void>;
}

export async function startFakeTwilioServer(
  credentials = { accountSid: TEST_ACCOUNT_SID, authToken: TEST_AUTH_TOKEN },
): Promise<FakeTwilioServer> {
  const messages: SentMessage[] = [];
  const refused: { status: number; body: string }[] = [];
  const failures: ScriptedFailure[] = [];
  let drops = 0;
  let acceptedListener: (message: SentMessage) => void = () => {};
  let hangs = 0;
  let hanging = 0;
  const waiters: { count: number; resolve: () => void }[] = [];
  const basic = (token: string) =>
    `Basic ${Buffer.from(`${credentials.accountSid}:${token}`).toString('base64')}`;
  let expectedAuth = basic(credentials.authToken);

  const server = createServer((req, res) => {
    void readForm(req).then((form) => {
      const answer = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      const path = `/2010-04-01/Accounts/${credentials.accountSid}/Messages.json`;
      const url = new URL(req.url ?? '/', 'http://fake');
      if (url.pathname !== path || (req.method !== 'POST' && req.method !== 'GET'))
        return answer(404, { code: 20404, message: 'Not found', status: 404 });
      if (req.headers.authorization !== expectedAuth) {
        refused.push({ status: 401, body: form.get('Body') ?? '' });
        return answer(401, { code: 20003, message: 'Authenticate', status: 401 });
      }
      if (req.method === 'GET') return answer(200, listPage(url, path));
      if (hangs > 0) {
        hangs -= 1;
        hanging += 1;
        return;
      }
      const failure = failures.shift();
      if (failure) {
        refused.push({ status: failure.status, body: form.get('Body') ?? '' });
        return answer(failure.status, {
          ...failure,
          more_info: `https://www.twilio.com/docs/errors/${failure.code}`,
        });
      }
      const message: SentMessage = {
        seq: messages.length + 1,
        sid: `SM${randomBytes(16).toString('hex')}`,
        from: form.get('From') ?? '',
        to: form.get('To') ?? '',
        body: form.get('Body') ?? '',
      };
      messages.push(message);
      createdAt.set(message.sid, new Date());
      acceptedListener(message);
      for (const waiter of waiters.filter((w) => messages.length >= w.count)) waiter.resolve();
      if (drops > 0) {
        drops -= 1;
        return req.socket.destroy();
      }
      answer(201, resource(message));
    });
  });

  const resource = (message: SentMessage & { createdAt?: Date }) => ({
    sid: message.sid,
    account_sid: credentials.accountSid,
    from: message.from,
    to: message.to,
    body: message.body,
    status: 'queued',
    direction: 'outbound-api',
    num_segments: '1',
    num_media: '0',
    api_version: '2010-04-01',
    date_created: (message.createdAt ?? new Date()).toUTCString(),
    uri: `/2010-04-01/Accounts/${credentials.accountSid}/Messages/${message.sid}.json`,
  });
  const createdAt = new Map<string, Date>();
  // GET Messages.json?To=…&From=…: newest first, one page, as Twilio's list.
  const listPage = (url: URL, path: string) => {
    const to = url.searchParams.get('To');
    const from = url.searchParams.get('From');
    const found = messages
      .filter((m) => (!to || m.to === to) && (!from || m.from === from))
      .reverse()
      .map((m) => resource({ ...m, createdAt: createdAt.get(m.sid) }));
    return {
      messages: found,
      page: 0,
      page_size: found.length,
      start: 0,
      end: Math.max(found.length - 1, 0),
      uri: `${path}${url.search}`,
      first_page_uri: `${path}${url.search}`,
      next_page_uri: null,
      previous_page_uri: null,
    };
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    messages,
    refused,
    get hanging() {
      return hanging;
    },
    rotateAuthToken: (token) => void (expectedAuth = basic(token)),
    dropNextResponse: () => void (drops += 1),
    onAccepted: (listener) => void (acceptedListener = listener),
    hangNext: (times = 1) => void (hangs += times),
    failNext: (failure, times = 1) => {
      for (let i = 0; i < times; i++) failures.push(failure);
    },
    to: (customer) => messages.filter((m) => m.to === customer),
    waitForMessages(count, timeoutMs = 15_000) {
      if (messages.length >= count) return Promise.resolve(messages);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new Error(`The fake Twilio got ${messages.length} of ${count} messages in ${timeoutMs} ms.`),
            ),
          timeoutMs,
        );
        waiters.push({ count, resolve: () => (clearTimeout(timer), resolve(messages)) });
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new URLSearchParams(await text(req));
}
