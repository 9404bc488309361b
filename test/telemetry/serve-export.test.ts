/**
 * `kavak serve` (a real process) with OTEL_EXPORTER_OTLP_ENDPOINT: a customer's WhatsApp message
 * becomes one exported turn trace, flushed on SIGTERM, and neither the customer's number nor the
 * conversation id derived from it reaches the collector.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { postTwilioWebhook, twilioWebhookForm } from '../../src/channels/whatsapp/twilio-request.js';
import { tempDbPath } from '../serve/helpers/queue-harness.js';
import { startServeProcess, type ServeProcess } from '../serve/helpers/serve-process.js';
import { attributesOf, startOtlpReceiver, type OtlpReceiver } from './otlp-receiver.js';

const CUSTOMER = '+5215512345678';
const TOKEN = 'test-auth-token-0123456789abcdef';

let receiver: OtlpReceiver | undefined;
let server: ServeProcess | undefined;
afterEach(async () => {
  server?.child.kill('SIGKILL');
  await receiver?.close();
});

describe('kavak serve exports its turns', { timeout: 120_000 }, () => {
  it('sends each answered message as a turn trace, and flushes it on SIGTERM', async () => {
    receiver = await startOtlpReceiver();
    server = await startServeProcess(['--db', tempDbPath(), '--reply', 'twiml', '--insecure-no-signature'], {
      KAVAK_RUNTIME: 'offline',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT: 'true',
    });
    const answer = await postTwilioWebhook({
      url: server.webhookUrl,
      authToken: TOKEN,
      form: twilioWebhookForm({ body: 'Hola, busco un Nissan Versa', from: CUSTOMER }),
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('Versa');

    // Batched: nothing need have left yet; SIGTERM drains and flushes before the process exits.
    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);
    const roots = receiver.spans().filter((s) => !s.span.parentSpanId);
    expect(roots).toHaveLength(1);
    const root = attributesOf(roots[0]!.span.attributes);
    expect(root['gen_ai.conversation.id']).toMatch(/^[0-9a-f]{32}$/);
    expect(root['kavak.intents']).toContain('car_recommendation');

    const everything = JSON.stringify(receiver.exports.map((e) => e.body));
    expect(everything).not.toContain('5512345678');
    expect(everything).not.toMatch(/wa_[A-Za-z0-9_-]{16}/);
  });
});
