import type { CaseOutcome, TurnOutcome } from '../../results/schema.js';
import { hasCriticalFailure } from '../aggregate.js';
import { turnCacheNote } from '../cache-notes.js';
import {
  conversationVerdictLines,
  scoreNote,
  simulationLines,
  skippedNote,
} from './conversation-verdicts.js';
import { blockquote, mdCode, mdText, truncate } from './escape.js';

/** A bubble longer than this is cut: one runaway reply must not fill a PR comment. */
export const MAX_BUBBLE_CHARS = 800;

export interface CaseChatOptions {
  /** Marks the case as a regression against the baseline. */
  newlyFailing?: boolean;
}

/**
 * A failing case as a WhatsApp chat: customer and agent bubbles as blockquotes, and under
 * each failing turn the scorers that failed (and the ones that were skipped) with their reasons.
 */
export function renderCaseChat(outcome: CaseOutcome, options: CaseChatOptions = {}): string {
  const icon = outcome.status === 'error' ? '💥' : hasCriticalFailure(outcome) ? '🚨' : '❌';
  const meta = [
    mdCode(outcome.file),
    outcome.tags.length ? outcome.tags.map(mdText).join(', ') : null,
    `score ${outcome.score.toFixed(2)}`,
    options.newlyFailing ? '**newly failing**' : null,
    outcome.repeats
      ? `passed ${outcome.repeats.passed}/${outcome.repeats.runs} runs${outcome.repeats.flaky ? ' (flaky)' : ''}`
      : null,
  ].filter((part): part is string => part !== null);

  const lines = [`### ${icon} ${mdCode(outcome.id)} · ${mdText(outcome.title)}`, '', meta.join(' · '), ''];
  lines.push(...simulationLines(outcome));
  if (outcome.status === 'error') lines.push(`**Error:** ${mdText(outcome.error ?? 'the case crashed')}`, '');
  for (const turn of outcome.turns) lines.push(...renderTurn(turn));
  lines.push(...conversationVerdictLines(outcome));
  if (outcome.status === 'error' && outcome.turns.length === 0) lines.push('_No turn completed._', '');
  return lines.join('\n');
}

function renderTurn(turn: TurnOutcome): string[] {
  const n = turn.index + 1;
  const mark = turn.pass ? '✅' : '❌';
  const critical = turn.critical
    ? ` · 🚨 critical${typeof turn.critical === 'string' ? `: ${mdText(turn.critical)}` : ''}`
    : '';
  const fromCache = turnCacheNote(turn);
  const cached = fromCache ? ` · 💾 ${fromCache}` : '';
  const lines = [
    `> 👤 **Cliente** · turn ${n}`,
    blockquote(truncate(turn.user, MAX_BUBBLE_CHARS)),
    '',
    `> 🤖 **Agente** · ${mark} ${turn.score.toFixed(2)}${critical}${cached}`,
    blockquote(truncate(turn.reply === '' ? '(empty reply)' : turn.reply, MAX_BUBBLE_CHARS)),
    '',
  ];
  if (turn.pass) return lines;
  const failed = turn.scores.filter((s) => !s.pass && !s.skipped);
  const skipped = turn.scores.filter((s) => s.skipped);
  for (const s of failed) lines.push(`- ❌ **${mdText(s.scorer)}** — ${scoreNote(s)}`);
  for (const s of skipped) lines.push(skippedNote(s));
  if (failed.length === 0) lines.push('- ❌ the turn failed with no failing scorer recorded');
  lines.push('');
  return lines;
}
