import { Option, type Command } from 'commander';
import type { GlobalFlags } from '../../app/config/load-config.js';
import type { SendOptions } from './send.js';
import type { ServeOptions } from './serve.js';

/** Adds `kavak serve` (the Twilio WhatsApp webhook) and `kavak send` (a local Twilio stand-in). */
export function registerServeCommands(program: Command): void {
  program
    .command('serve')
    .description(
      'serve the pipeline behind a Twilio WhatsApp webhook (POST /twilio/whatsapp, /healthz, /readyz, /metrics)',
    )
    .addOption(
      new Option(
        '--role <role>',
        'all: webhook and worker; web: store and ack only; worker: process the queue (/healthz, /metrics)',
      ).choices(['all', 'web', 'worker']),
    )
    .option(
      '--queue-db <url>',
      'postgres:// URL: the inbound queue and model rate limit on PostgreSQL, shared by every replica',
    )
    .option('--host <host>', 'address to listen on (default HOST or 127.0.0.1; 0.0.0.0 in a container)')
    .option('--port <port>', 'port to listen on, 0 for any free one (default PORT or 3000)')
    .option(
      '--public-url <url>',
      'the public URL Twilio calls, used to check signatures (e.g. https://bot.example.com)',
    )
    .option(
      '--trust-proxy <value>',
      'trust X-Forwarded-* from this proxy: hop count, "true", or addresses ("loopback")',
    )
    .option('--insecure-no-signature', 'do not check X-Twilio-Signature (local development only)')
    .addOption(
      new Option(
        '--reply <mode>',
        'rest: ack at once, reply via the REST API; twiml: reply in the webhook response',
      ).choices(['rest', 'twiml']),
    )
    .option(
      '--twiml-deadline-ms <ms>',
      'twiml mode: wait this long for the reply, then fall back to REST (default 10000)',
    )
    .option(
      '--ack-timeout-ms <ms>',
      'the webhook answers 503 (Twilio retries) when the database cannot store a message this fast (default 250 on SQLite, 2000 on PostgreSQL)',
    )
    .option('--concurrency <n>', 'messages processed at once, one per customer at most (default 4)')
    .option(
      '--model-rpm <n>',
      'model requests per minute for all workers, 0 = no limit (default 300; none offline)',
    )
    .option('--max-attempts <n>', 'attempts before the polite fallback reply (default 4)')
    .option('--retry-base-ms <ms>', 'first retry delay, doubling on each attempt (default 2000)')
    .option('--retry-max-ms <ms>', 'longest retry delay (default 60000)')
    .option('--turn-timeout-ms <ms>', 'a turn taking longer counts as a failed attempt (default 90000)')
    .option(
      '--drain-timeout-ms <ms>',
      'on SIGTERM, time for in-flight work before it is requeued (default 20000)',
    )
    .option(
      '--sweep-interval-ms <ms>',
      'how often a worker looks for work no wake-up announced, e.g. an expired lease (default 1000)',
    )
    .option(
      '--lease-ms <ms>',
      'a claimed message is held this long without a heartbeat before another worker takes it (default 15000)',
    )
    .option(
      '--send-retry-window-ms <ms>',
      'keep retrying a reply Twilio refuses for a passing reason this long (default 900000)',
    )
    .addHelpText(
      'after',
      '\nEvery option above but --insecure-no-signature also reads an environment variable: HOST, PORT, then\nKAVAK_ and the option in capitals (KAVAK_PUBLIC_URL, KAVAK_DRAIN_TIMEOUT_MS, KAVAK_CONCURRENCY …). A flag wins.',
    )
    .action(async (options: ServeOptions, command: Command) => {
      const { serveCommand } = await import('./serve.js');
      // optsWithGlobals, as globalFlags() in run-cli does, without importing run-cli (a cycle).
      await serveCommand({ ...command.optsWithGlobals<GlobalFlags>(), ...options });
    });

  program
    .command('send')
    .description('post a signed Twilio-style WhatsApp message to a kavak serve webhook and print the reply')
    .argument('<message>', 'the customer message, in Spanish')
    .option('--url <url>', 'the webhook URL', 'http://127.0.0.1:3000/twilio/whatsapp')
    .option('--from <number>', 'the customer number (default +5215555550100)')
    .option('--to <number>', 'the number that receives it (default the Twilio sandbox, +14155238886)')
    .option('--name <name>', 'the customer profile name')
    .option('--message-sid <sid>', 'reuse a MessageSid (to see a duplicate ignored)')
    .option('--media <url...>', 'attach media URLs')
    .option('--signed-url <url>', "sign this URL instead of --url (the server's --public-url webhook)")
    .action(async (message: string, options: Omit<SendOptions, 'message'>) => {
      const { sendCommand } = await import('./send.js');
      await sendCommand({ ...options, message });
    });
}
