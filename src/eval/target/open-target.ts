import type { Pipeline } from '../../core/pipeline.js';
import { UserInputError } from '../../support/errors.js';
import { startCaptureServer, type CaptureServer } from './capture-server.js';
import { createTargetPipeline, type TargetError } from './target-pipeline.js';

export const DEFAULT_TURN_TIMEOUT_MS = 30_000;
/** A split reply's parts are sent back to back; a second of quiet means the reply is complete. */
const SETTLE_MS = 1_000;

export interface TargetFlags {
  target: string;
  targetSignedUrl?: string;
  capturePort?: number;
  turnTimeout?: number;
}

export interface TargetSession {
  pipeline: Pipeline;
  /** The first deployment problem (unreachable, signature rejected), once the run is over. */
  fatal(): TargetError | undefined;
  close(): Promise<void>;
}

/**
 * `kavak eval --target <url>`: the deployed bot in place of the in-process pipeline. A problem
 * that fails every case alike stops the run (`stop`) instead of failing case after case.
 */
export async function openTarget(
  flags: TargetFlags,
  local: Pipeline,
  env: Record<string, string | undefined>,
  stop: (why: Error) => void,
): Promise<TargetSession> {
  const authToken = env.TWILIO_AUTH_TOKEN?.trim();
  if (!authToken) {
    throw new UserInputError('--target signs each request like Twilio, and TWILIO_AUTH_TOKEN is not set.', {
      hint: "Set TWILIO_AUTH_TOKEN to the serve process's auth token.",
      exitCode: 2,
    });
  }
  const accountSid = env.TWILIO_ACCOUNT_SID?.trim() || undefined;
  let capture: CaptureServer | undefined;
  if (flags.capturePort !== undefined) {
    capture = await startCaptureServer({ port: flags.capturePort, accountSid, authToken });
    process.stderr.write(
      `Reading REST replies at ${capture.url} (the serve process needs KAVAK_TWILIO_API_URL=${capture.url}).\n`,
    );
  }
  let fatal: TargetError | undefined;
  const pipeline = createTargetPipeline(
    local,
    {
      url: flags.target,
      authToken,
      accountSid,
      signedUrl: flags.targetSignedUrl,
      capture,
      turnTimeoutMs: flags.turnTimeout ?? DEFAULT_TURN_TIMEOUT_MS,
      settleMs: SETTLE_MS,
    },
    (error) => {
      if (fatal) return;
      fatal = error;
      stop(error);
    },
  );
  return { pipeline, fatal: () => fatal, close: async () => capture?.close() };
}
