import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { chunkText } from '../chunk-text.js';
import { ReplayMissError } from '../errors.js';
import type {
  GenerateRequest,
  GenerateResult,
  LanguageModelRuntime,
  RuntimeId,
  StreamPart,
} from '../../core/ports/language-model.js';
import { describeDifferences } from './describe-miss.js';
import { readRecording, taskFilePrefix } from './recording-file.js';
import type { RecordedAnswer, Recording } from './recording-file.js';
import type { CallIdentity } from './recording-key.js';
import { identifyCall } from './recording-key.js';
import { lookUpAnswer } from './response-store.js';

export interface ReplaySettings {
  /** The runtime the recordings were made with: it is part of every key. */
  runtimeId: RuntimeId;
  /** Default model, as the replayed runtime would have it. */
  model: string;
  /** The server the recordings were made against (--base-url), part of every key too. */
  baseUrl?: string;
}

/**
 * Answers from recordings made by `withRecording`, with no model and no network. A call whose
 * key has no recording fails with a ReplayMissError that says what changed and how to re-record.
 */
export function createReplayRuntime(dir: string, settings: ReplaySettings): LanguageModelRuntime {
  async function generate(request: GenerateRequest): Promise<GenerateResult> {
    const call = identifyCall(request, {
      runtime: settings.runtimeId,
      model: settings.model,
      baseUrl: settings.baseUrl,
    });
    const { key, recording } = await lookUpAnswer(dir, call);
    const answer = recording ?? (await fromAnotherServer(call));
    if (!answer) throw new ReplayMissError(call.task, key, await missHint(dir, call));
    // Read from its file for this call: no other caller holds this object.
    return answer.result;
  }

  // Replay needs no server: a call recorded against --base-url X replays without it. The servers
  // a task was recorded against are read once; each is then one more exact-key lookup.
  const serversByTask = new Map<string, Promise<(string | undefined)[]>>();
  async function fromAnotherServer(call: CallIdentity): Promise<RecordedAnswer | undefined> {
    let servers = serversByTask.get(call.task);
    if (!servers) {
      servers = recordingsOfTask(dir, call.task).then((found) => [
        ...new Set((found ?? []).map(({ recording }) => recording.baseUrl)),
      ]);
      serversByTask.set(call.task, servers);
    }
    for (const baseUrl of await servers) {
      if (baseUrl === call.baseUrl) continue;
      const { recording } = await lookUpAnswer(dir, { ...call, baseUrl });
      if (recording) return recording;
    }
    return undefined;
  }

  async function* stream(request: GenerateRequest): AsyncGenerator<StreamPart> {
    const result = await generate(request);
    for (const text of chunkText(result.text)) yield { type: 'text-delta', text };
    yield { type: 'finish', result };
  }

  return { id: 'replay', model: settings.model, generate, stream };
}

async function missHint(dir: string, call: CallIdentity): Promise<string> {
  const reRecord = `Re-record with --runtime ${call.runtime} --record ${dir} (recordings are matched by runtime, server, model, messages, parameters, output schema and repetition).`;
  const siblings = await recordingsOfTask(dir, call.task);
  if (siblings === undefined)
    return `The folder ${dir} does not exist. Record first with --runtime ${call.runtime} --record ${dir}.`;
  if (siblings.length === 0) return `There is no recording of the "${call.task}" task in ${dir}. ${reRecord}`;

  const ranked = siblings
    .map(({ file, recording }) => ({ file, differences: describeDifferences(recording, call) }))
    .sort((a, b) => a.differences.length - b.differences.length);
  const closest = ranked[0]!;
  const others = siblings.length > 1 ? ` (closest of ${siblings.length} recordings of this task)` : '';
  const what =
    closest.differences.length > 0
      ? closest.differences.join('; ')
      : 'nothing visible (the recording key differs)';
  return `${closest.file}${others} differs: ${what}. ${reRecord}`;
}

/** undefined when the folder is missing. Only files named after the task are read. */
async function recordingsOfTask(
  dir: string,
  task: string,
): Promise<{ file: string; recording: Recording }[] | undefined> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return undefined;
  }
  const prefix = taskFilePrefix(task);
  const found: { file: string; recording: Recording }[] = [];
  for (const name of names.filter((n) => n.startsWith(prefix) && n.endsWith('.json'))) {
    const recording = await readRecording(path.join(dir, name)).catch(() => undefined);
    if (recording?.task === task) found.push({ file: name, recording });
  }
  return found;
}
