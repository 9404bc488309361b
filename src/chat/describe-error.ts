import { KavakError } from '../support/errors.js';
import { ModelCallError } from '../runtime/errors.js';

export interface ErrorNotice {
  text: string;
  hint: string;
}

const RETRY = 'The message was not answered; /retry sends it again.';

/** A failed turn as the chat shows it: what happened and what to do. The session goes on. */
export function describeTurnError(error: unknown): ErrorNotice {
  if (ModelCallError.is(error)) {
    const status = error.status ? ` ${error.status}` : '';
    return {
      text: `The model call failed (${error.kind}${status}): ${error.message}`,
      hint: `${error.hint ?? ''} ${RETRY}`.trim(),
    };
  }
  if (KavakError.is(error)) return { text: error.message, hint: `${error.hint ?? ''} ${RETRY}`.trim() };
  if (error instanceof Error && error.name === 'AbortError')
    return { text: 'The turn was cancelled.', hint: RETRY };
  const message = error instanceof Error ? error.message : String(error);
  return {
    text: `Unexpected error: ${message}`,
    hint: `This is a bug in kavak; the chat goes on. /export saves the conversation for a report. ${RETRY}`,
  };
}

/** Errors of commands (/runtime, /reload, /save …): same shape, no retry advice. */
export function describeCommandError(error: unknown): ErrorNotice {
  if (KavakError.is(error))
    return { text: error.message, hint: error.hint ?? 'Fix the cause and try the command again.' };
  const message = error instanceof Error ? error.message : String(error);
  return { text: message, hint: 'Fix the cause and try the command again.' };
}
