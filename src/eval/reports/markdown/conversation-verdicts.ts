import type { CaseOutcome } from '../../results/schema.js';
import type { ScoreResult } from '../../scorers/types.js';
import { budgetText, describeEnding, describeStyle, isSimulated, personaLabel } from '../simulation-notes.js';
import { mdText, truncate } from './escape.js';

/** Above a simulated conversation's chat in summary.md: who the customer was and how it ended. */
export function simulationLines(outcome: CaseOutcome): string[] {
  if (!isSimulated(outcome)) return [];
  const { simulation } = outcome;
  const profile = simulation.profile;
  const persona = [
    `**Persona** ${mdText(personaLabel(simulation))}`,
    profile ? `budget ${budgetText(profile.budget)}` : null,
    profile ? mdText(profile.city) : null,
    profile ? mdText(describeStyle(profile.style)) : null,
  ].filter((part): part is string => part !== null);
  return [
    persona.join(' · '),
    '',
    `**Ended** ${mdText(describeEnding(outcome))} — ${mdText(oneLine(simulation.reason))}`,
    '',
  ];
}

/**
 * Under a case's chat in summary.md: the whole-conversation rubrics and scorers, the failed ones
 * with their reasons, as a failing turn lists its scorers. None when no conversation scorer ran.
 */
export function conversationVerdictLines(outcome: CaseOutcome): string[] {
  const scores = outcome.conversationScores ?? [];
  if (scores.length === 0) return [];
  const failed = scores.filter((s) => !s.pass && !s.skipped);
  const skipped = scores.filter((s) => s.skipped);
  const passed = scores.filter((s) => s.pass && !s.skipped);
  const lines = [`> 🗂️ **Whole conversation** · ${failed.length ? '❌' : '✅'}`, ''];
  for (const s of failed) lines.push(`- ❌ **${mdText(s.scorer)}** — ${scoreNote(s)}`);
  for (const s of skipped) lines.push(skippedNote(s));
  if (passed.length) lines.push(`- ✅ ${passed.map((s) => mdText(s.scorer)).join(', ')}`);
  lines.push('');
  return lines;
}

/** A failed score's reason and figure, on one line. */
export function scoreNote(s: ScoreResult): string {
  const uncertain = s.uncertain ? ` ⚠️ uncertain (agreement ${Math.round((s.agreement ?? 0) * 100)}%)` : '';
  return `${mdText(truncate(oneLine(s.reason), 400))} (${s.score.toFixed(2)})${uncertain}`;
}

export function skippedNote(s: ScoreResult): string {
  return `- ⏭️ ${mdText(s.scorer)} — skipped: ${mdText(oneLine(s.reason).replace(/^skipped\W*/i, ''))}`;
}

function oneLine(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, ' ');
}
