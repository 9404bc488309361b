import type { RunResult, TurnOutcome } from '../../results/schema.js';
import type { ScoreResult } from '../../scorers/types.js';
import { plural } from '../plural.js';
import {
  budgetText,
  describeEnding,
  describeStyle,
  isSimulated,
  personaLabel,
  type SimulatedCase,
} from '../simulation-notes.js';
import { escapeHtml as e } from './escape.js';
import { sentMessages } from './view-model.js';

const STATUS_RANK: Record<SimulatedCase['status'], number> = { error: 0, failed: 1, passed: 2 };

/**
 * report.html's section for `kavak eval simulate`: each simulated conversation read as one, the
 * persona, how it ended, the whole-conversation verdicts with their reasons and the transcript,
 * failing conversations first (open), passing ones after (closed). Static HTML, every run text
 * escaped: it reads without the page's script. Empty for a run with no simulated conversation.
 */
export function simulationsSectionHtml(run: RunResult): string {
  const simulated = run.cases.filter(isSimulated);
  if (simulated.length === 0) return '';
  const ordered = [...simulated].sort((a, b) => STATUS_RANK[a.status] - STATUS_RANK[b.status]);
  const failing = simulated.filter((c) => c.status !== 'passed').length;
  const note = failing
    ? `${plural(failing, 'failing conversation')} first`
    : `all ${plural(simulated.length, 'conversation')} passed`;
  return (
    `<section class="card" id="simulations"><h2>Simulated conversations <span class="note">· ${note}</span></h2>` +
    ordered.map(conversationHtml).join('') +
    `</section>`
  );
}

function conversationHtml(c: SimulatedCase): string {
  const { simulation } = c;
  const profile = simulation.profile;
  const facts: [string, string | undefined][] = [
    ['goal', profile?.goal ?? c.title],
    ['budget', profile && budgetText(profile.budget)],
    ['city', profile?.city],
    ['style', profile && describeStyle(profile.style)],
    ['ended', `${describeEnding(c)} — ${simulation.reason}`],
    ['customer', `${simulation.customer.runtime} · ${simulation.customer.model} · seed ${simulation.seed}`],
    ['error', c.error ?? undefined],
  ];
  const shown = facts.flatMap(([k, v]) => (v === undefined ? [] : [`<dt>${k}</dt><dd>${e(v)}</dd>`]));
  const open = c.status === 'passed' ? '' : ' open';
  return (
    `<details class="sim" data-persona="${e(simulation.persona)}" data-status="${c.status}"${open}>` +
    `<summary><span class="pill ${c.status}">${c.status}</span> <b>${e(personaLabel(simulation))}</b>` +
    ` <span class="case-meta">${e(describeEnding(c))} · score ${c.score.toFixed(2)}</span></summary>` +
    `<dl class="persona">${shown.join('')}</dl>` +
    verdictsHtml(c.conversationScores ?? []) +
    `<div class="chat">${c.turns.map(turnHtml).join('')}${closingHtml(simulation.closing)}</div>` +
    `</details>`
  );
}

function verdictsHtml(scores: ScoreResult[]): string {
  if (scores.length === 0) return '<p class="chart-empty">No whole-conversation rubric ran.</p>';
  const rows = scores
    .map((s) => {
      const verdict = s.skipped ? 'skipped' : s.error ? 'no verdict' : s.pass ? '✓ pass' : '✗ fail';
      const tone = s.skipped ? '' : s.pass ? 'good' : 'bad';
      return (
        `<tr><td>${e(s.scorer)}</td><td class="${tone}">${verdict}</td>` +
        `<td>${s.skipped ? '—' : s.score.toFixed(2)}</td><td>${e(s.reason)}</td></tr>`
      );
    })
    .join('');
  return `<table class="grid verdicts"><thead><tr><th>rubric</th><th>verdict</th><th>score</th><th>reason</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function turnHtml(t: TurnOutcome): string {
  const failed = t.scores.filter((s) => !s.pass && !s.skipped);
  const reasons = failed.length
    ? `<ul class="reasons">${failed.map((s) => `<li><b>${e(s.scorer)}: </b>${e(s.reason)}</li>`).join('')}</ul>`
    : '';
  return (
    `<div class="turn-sep">Turn ${t.index + 1} · ${t.pass ? '✓' : '✗'} ${t.score.toFixed(2)}</div>` +
    `<div class="bubble in">${e(t.user)}<span class="meta">cliente</span></div>` +
    sentMessages(t)
      .map(
        (m) =>
          `<div class="bubble out${t.pass ? '' : ' fail'}">${e(m)}<span class="meta">agente</span></div>`,
      )
      .join('') +
    reasons
  );
}

/** The customer's goodbye, when it ended the conversation itself. */
function closingHtml(closing: string | null): string {
  return closing
    ? `<div class="bubble in">${e(closing)}<span class="meta">cliente · closing</span></div>`
    : '';
}
