import { canonicalJson } from './recording-key.js';
import type { CallIdentity } from './recording-key.js';
import type { Recording } from './recording-file.js';

/**
 * Why a recording of the same task does not match the call, in words a prompt editor
 * understands: "the system prompt changed (at char 312: …)", "temperature 0.2 → 0".
 */
export function describeDifferences(recording: Recording, call: CallIdentity): string[] {
  const differences: string[] = [];
  if (recording.runtime !== call.runtime || recording.model !== call.model) {
    differences.push(
      `it was recorded with ${recording.runtime}/${recording.model}, this call is for ${call.runtime}/${call.model}`,
    );
  }
  if (
    (recording.repetition ?? 0) !== (call.repetition ?? 0) ||
    (recording.sample ?? 0) !== (call.sample ?? 0)
  ) {
    differences.push(
      `it is repetition ${recording.repetition ?? 0} sample ${recording.sample ?? 0}, this call repetition ${call.repetition ?? 0} sample ${call.sample ?? 0}`,
    );
  }
  differences.push(...describeMessageChanges(recording.request.messages, call.request.messages));
  const { temperature, maxOutputTokens, output } = recording.request;
  if (temperature !== call.request.temperature) {
    differences.push(`temperature ${String(temperature)} → ${String(call.request.temperature)}`);
  }
  if (maxOutputTokens !== call.request.maxOutputTokens) {
    differences.push(`maxOutputTokens ${String(maxOutputTokens)} → ${String(call.request.maxOutputTokens)}`);
  }
  if (output?.name !== call.request.output?.name) {
    differences.push(`the output schema name ${String(output?.name)} → ${String(call.request.output?.name)}`);
  } else if (canonicalJson(output?.jsonSchema) !== canonicalJson(call.request.output?.jsonSchema)) {
    differences.push('the output schema changed');
  }
  return differences;
}

type Messages = CallIdentity['request']['messages'];

function describeMessageChanges(recorded: Messages, current: Messages): string[] {
  const changes: string[] = [];
  const count = Math.max(recorded.length, current.length);
  for (let i = 0; i < count; i++) {
    const before = recorded[i];
    const after = current[i];
    if (!before || !after) continue;
    if (before.role !== after.role)
      changes.push(`message ${i + 1} is now a ${after.role} message (was ${before.role})`);
    else if (before.content !== after.content)
      changes.push(`${nameOf(current, i)} changed (${firstDifference(before.content, after.content)})`);
  }
  if (recorded.length !== current.length) {
    changes.push(`the call has ${current.length} messages, the recording ${recorded.length}`);
  }
  return changes;
}

function nameOf(messages: Messages, index: number): string {
  const role = messages[index]?.role;
  if (role === 'system') return 'the system prompt';
  const sameRole = messages.slice(0, index + 1).filter((message) => message.role === role).length;
  const total = messages.filter((message) => message.role === role).length;
  return total === 1 ? `the ${role} message` : `${role} message ${sameRole} of ${total}`;
}

function firstDifference(before: string, after: string): string {
  let at = 0;
  while (at < before.length && at < after.length && before[at] === after[at]) at++;
  const excerpt = (text: string) => JSON.stringify(text.slice(Math.max(0, at - 10), at + 30));
  return `at char ${at}: ${excerpt(before)} → ${excerpt(after)}`;
}
