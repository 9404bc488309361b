import { UserInputError } from '../../support/errors.js';
import {
  postTwilioWebhook,
  twilioWebhookForm,
  type WebhookAnswer,
} from '../../channels/whatsapp/twilio-request.js';
import { TRACKING_HEADER } from '../../serve/webhook-route.js';

export interface SendOptions {
  message: string;
  url: string;
  from?: string;
  to?: string;
  name?: string;
  messageSid?: string;
  media?: string[];
  /** The URL to sign when the server checks signatures against its --public-url. */
  signedUrl?: string;
}

/** Signs requests for servers started with --insecure-no-signature, which do not check it. */
const DEV_TOKEN = 'kavak-dev-token-not-secret';
const DEFAULT_FROM = '+5215555550100';

/** Posts a signed Twilio-style message to a `kavak serve` webhook and prints the reply. */
export async function sendCommand(options: SendOptions): Promise<void> {
  const authToken = process.env.TWILIO_AUTH_TOKEN?.trim();
  if (!authToken)
    process.stderr.write(
      '(TWILIO_AUTH_TOKEN is not set: signing with a dummy token, which only --insecure-no-signature servers accept)\n',
    );
  const form = twilioWebhookForm({
    body: options.message,
    from: options.from ?? DEFAULT_FROM,
    to: options.to,
    profileName: options.name,
    messageSid: options.messageSid,
    mediaUrls: options.media,
    accountSid: process.env.TWILIO_ACCOUNT_SID?.trim() || undefined,
  });

  let answer: WebhookAnswer;
  try {
    answer = await postTwilioWebhook({
      url: options.url,
      form,
      authToken: authToken || DEV_TOKEN,
      signedUrl: options.signedUrl,
      timeoutMs: 20_000,
    });
  } catch (error) {
    throw new UserInputError(`Cannot reach ${options.url}: ${describe(error)}`, {
      hint: 'Start the server first (kavak serve --reply twiml --insecure-no-signature) and check --url.',
      cause: error,
    });
  }
  if (answer.status === 403) {
    throw new UserInputError('The server rejected the request’s signature (403).', {
      hint: 'Set TWILIO_AUTH_TOKEN to the server’s token (and --signed-url to its --public-url webhook), or start it with --insecure-no-signature.',
    });
  }
  if (answer.status !== 200) {
    throw new UserInputError(`The server answered HTTP ${answer.status}: ${answer.body.slice(0, 300)}`, {
      hint: 'See the server log for the reason.',
    });
  }
  const trackingId = answer.headers.get(TRACKING_HEADER);
  const tracking = trackingId ? `seguimiento ${trackingId}` : 'sin seguimiento';
  if (answer.messages.length === 0) {
    process.stderr.write(
      `Acknowledged (${tracking}) with no reply in the response: the server sends replies through the Twilio REST API ` +
        '(--reply rest), the TwiML deadline passed, or this MessageSid was already answered. Look for the tracking id in the server log.\n',
    );
    return;
  }
  process.stdout.write(`${answer.messages.join('\n\n')}\n`);
  process.stderr.write(
    `\n(${answer.messages.length} mensaje${answer.messages.length === 1 ? '' : 's'} · ${tracking})\n`,
  );
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  if (cause && typeof cause.code === 'string') return cause.code;
  if (error instanceof Error && error.name === 'TimeoutError') return 'no answer within 20 s';
  return error instanceof Error ? error.message : String(error);
}
