import { loadConfig, type GlobalFlags } from '../../app/config/load-config.js';
import { intentsFallbackOf } from '../../core/trace/intents-fallback.js';
import { createApp } from '../../app/create-app.js';
import { startTelemetry } from '../../telemetry/index.js';

export interface AskOptions extends GlobalFlags {
  message: string;
  conversation?: string;
  json?: boolean;
}

export async function askCommand(options: AskOptions): Promise<void> {
  const app = await createApp(loadConfig(options));
  const telemetry = await startTelemetry(process.env, app.logger);
  try {
    const result = await telemetry.observe(app.pipeline).runTurn({
      message: options.message,
      conversationId: options.conversation,
    });
    if (options.json) {
      process.stdout.write(
        JSON.stringify(
          {
            reply: result.reply,
            messages: result.messages,
            conversationId: result.conversationId,
            trackingId: result.trackingId,
            runtime: app.pipeline.deps.runtime.id,
            intents: result.intents,
            // Non-null when the intents are the fallback: why the model's answer was unusable.
            intentsFallback: intentsFallbackOf(result.trace),
            profile: result.profile,
            trace: result.trace,
          },
          null,
          2,
        ) + '\n',
      );
    } else {
      process.stdout.write(`${result.reply}\n`);
      process.stderr.write(
        `\n(conversación ${result.conversationId} · seguimiento ${result.trackingId} · kavak ask --conversation ${result.conversationId} "…" para continuar)\n`,
      );
    }
  } finally {
    await app.close();
    await telemetry.shutdown();
  }
}
