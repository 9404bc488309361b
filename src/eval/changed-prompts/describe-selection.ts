import { INTENT_TYPES } from '../../core/intents/schema.js';
import { AGENT_FOR_INTENT } from '../../core/agents/registry.js';
import type { AgentName } from '../../core/tasks.js';
import type { CaseSelection, ChangedSource, SourceUse } from './affected-cases.js';

const intentsOf = (agent: AgentName): string =>
  INTENT_TYPES.filter((intent) => AGENT_FOR_INTENT[intent] === agent).join(', ');

/** Why a changed file selects the cases it selects, in a few words. */
export function describeUse(use: SourceUse): string {
  switch (use.kind) {
    case 'every-case':
      return `every case (it ${use.why})`;
    case 'agent':
      return `the ${use.agent} agent's guide: cases expecting ${intentsOf(use.agent)}, or a turn with no expected intents`;
    case 'judge-prompt':
      return use.scope === 'turn'
        ? 'the judge prompt: every case with a judged turn'
        : 'the conversation judge prompt: every case a conversation rubric scores';
    case 'rubric':
      return `rubric ${use.rubric}: the cases it judges`;
    case 'golden-file':
      return 'its own cases';
    case 'unused':
      return `no case (${use.why})`;
  }
}

function countFor(change: ChangedSource, selection: CaseSelection): number {
  return [...selection.because.values()].filter((labels) => labels.includes(change.label)).length;
}

/**
 * The lines printed before a selected run: what changed, how many cases each change selects and
 * why, and the total. `pool` is how many cases were eligible (after --filter).
 */
export function describeSelection(
  selection: CaseSelection,
  context: { since: string; pool: number; filtered: boolean },
): string[] {
  if (selection.changes.length === 0) {
    return [`No prompt, rubric or golden-set file changed since ${context.since}: nothing to evaluate.`];
  }
  const lines = [`Changed since ${context.since} (${selection.changes.length}):`];
  for (const change of selection.changes) {
    lines.push(`  ${change.label} → ${countFor(change, selection)} cases · ${describeUse(change.use)}`);
  }
  const of = context.filtered ? `the ${context.pool} cases --filter selects` : `${context.pool} cases`;
  lines.push(
    selection.selected.length === 0
      ? `No case uses the changed files (of ${of}): nothing to evaluate.`
      : `Selected ${selection.selected.length} of ${of}.`,
  );
  return lines;
}
