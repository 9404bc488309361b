import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { UserInputError } from '../../support/errors.js';

/** The request as sent: what the key is computed from, kept readable for review in diffs. */
export const RecordedRequestSchema = z.object({
  messages: z.array(z.object({ role: z.enum(['system', 'user', 'assistant']), content: z.string() })),
  output: z.object({ name: z.string(), jsonSchema: z.unknown() }).optional(),
  temperature: z.number().optional(),
  maxOutputTokens: z.number().optional(),
});
export type RecordedRequest = z.infer<typeof RecordedRequestSchema>;

export const RecordedResultSchema = z.object({
  text: z.string(),
  object: z.unknown().optional(),
  usage: z.object({ inputTokens: z.number(), outputTokens: z.number() }),
  finishReason: z.enum(['stop', 'length', 'content-filter', 'error', 'other']),
  model: z.string(),
  warnings: z.array(z.string()),
});

/**
 * One stored model call, `<dir>/<task>-<hash>.json`: a recording (--record) and a response-cache
 * entry are the same file, so either folder serves as the other.
 */
export const RecordingSchema = z.object({
  key: z.string(),
  task: z.string(),
  runtime: z.string(),
  baseUrl: z.string().optional(),
  model: z.string(),
  request: RecordedRequestSchema,
  repetition: z.number().int().optional(),
  sample: z.number().int().optional(),
  result: RecordedResultSchema,
});
export type Recording = z.infer<typeof RecordingSchema>;

const KEY_CHARS_IN_NAME = 16;

export function recordingFileName(task: string, key: string): string {
  return `${taskFilePrefix(task)}${key.slice(0, KEY_CHARS_IN_NAME)}.json`;
}

/** Recordings of one task share this prefix, so a miss can look at its siblings cheaply. */
export function taskFilePrefix(task: string): string {
  return `${task.replace(/[^A-Za-z0-9_.]+/g, '_')}-`;
}

/** Written whole to a temp file, then renamed: a parallel reader never sees half a recording. */
export async function writeRecording(dir: string, recording: Recording): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, recordingFileName(recording.task, recording.key));
  const temp = `${file}.${randomUUID()}.tmp`;
  await writeFile(temp, `${JSON.stringify(recording, null, 2)}\n`, 'utf8');
  await rename(temp, file);
  return file;
}

/**
 * undefined when the file does not exist; a clear error when it is not a recording. Read
 * synchronously: a cached eval looks up every model call here, and an async read (open, stat,
 * read, close, each a round trip through libuv's pool) costs ten times the CPU of a sync one
 * for a file of a few KB on a local disk.
 */
export function readRecording(file: string): Promise<Recording | undefined> {
  return readStored(file, RecordingSchema);
}

/** What a lookup needs of a recording (its key and answer): the request it holds is not checked. */
export const RecordedAnswerSchema = RecordingSchema.pick({ key: true, result: true });
export type RecordedAnswer = z.infer<typeof RecordedAnswerSchema>;

export function readRecordedAnswer(file: string): Promise<RecordedAnswer | undefined> {
  return readStored(file, RecordedAnswerSchema);
}

/** The file's content checked by `schema`, as a promise: a rejection says what is wrong with it. */
function readStored<T>(file: string, schema: z.ZodType<T>): Promise<T | undefined> {
  return new Promise((resolve) => resolve(readStoredNow(file, schema)));
}

function readStoredNow<T>(file: string, schema: z.ZodType<T>): T | undefined {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (error) {
    // ENOTDIR: the folder is a file, so nothing was ever stored there either.
    const { code } = error as NodeJS.ErrnoException;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new UserInputError(`The recording ${file} is not valid JSON.`, {
      hint: 'Delete it and record again with --record.',
    });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UserInputError(
      `The recording ${file} is not a kavak recording (${issue?.path.join('.') || 'root'}: ${issue?.message}).`,
      {
        hint: 'Delete it and record again with --record.',
      },
    );
  }
  return parsed.data;
}
