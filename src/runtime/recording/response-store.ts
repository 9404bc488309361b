import path from 'node:path';
import type { GenerateResult } from '../../core/ports/language-model.js';
import {
  readRecordedAnswer,
  recordingFileName,
  writeRecording,
  type RecordedAnswer,
} from './recording-file.js';
import { recordingKey, type CallIdentity } from './recording-key.js';

/**
 * The one store of model answers behind --record, --replay and the eval's response cache: a
 * folder of `<task>-<hash>.json` files keyed by the whole call (see identifyCall).
 */
export interface LookupOptions {
  /**
   * Called with the error when the call's file exists but cannot be read, which then counts
   * as a miss. Without it the error is thrown (replay: a broken recording must be fixed).
   */
  onUnreadable?: (error: unknown) => void;
}

export interface Lookup {
  key: string;
  /** undefined on a miss. */
  recording: RecordedAnswer | undefined;
}

export async function lookUpAnswer(
  dir: string,
  call: CallIdentity,
  options: LookupOptions = {},
): Promise<Lookup> {
  const key = recordingKey(call);
  const file = path.join(dir, recordingFileName(call.task, key));
  let recording: RecordedAnswer | undefined;
  try {
    recording = await readRecordedAnswer(file);
  } catch (error) {
    if (!options.onUnreadable) throw error;
    options.onUnreadable(error);
  }
  // The file name holds 16 hex digits of the key; the whole key inside decides.
  return { key, recording: recording?.key === key ? recording : undefined };
}

/** Writes the answer atomically (temp file + rename): concurrent writers never leave half a file. */
export async function storeAnswer(dir: string, call: CallIdentity, result: GenerateResult): Promise<void> {
  const { cached: _cached, ...answer } = result;
  await writeRecording(dir, { key: recordingKey(call), ...call, result: answer });
}
