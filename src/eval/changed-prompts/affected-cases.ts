import { basename, isAbsolute, relative, resolve, sep } from 'node:path';
import { AGENT_FOR_INTENT } from '../../core/agents/registry.js';
import { AgentNameSchema, type AgentName } from '../../core/tasks.js';
import type { LoadedCase } from '../golden-set/schema.js';

/** The folders whose files decide what a case does: prompts, rubrics and the golden set itself. */
export interface EvalSourceFolders {
  prompts: string;
  judges: string;
  goldenSet: string;
}

/** What a changed file is to the eval, i.e. which cases it can change the outcome of. */
export type SourceUse =
  | { kind: 'every-case'; why: string }
  | { kind: 'agent'; agent: AgentName }
  | { kind: 'judge-prompt'; scope: 'turn' | 'conversation' }
  | { kind: 'rubric'; rubric: string }
  | { kind: 'golden-file' }
  | { kind: 'unused'; why: string };

export interface ChangedSource {
  path: string;
  /** The path as a reader knows it: prompts/agents/cars.md, judges/tone.md, golden-set/cars.yaml. */
  label: string;
  use: SourceUse;
}

/** Prompts every turn goes through (the pipeline's own tasks), so a change reaches every case. */
const SHARED_PROMPTS: Record<string, string> = {
  'intents.md': 'detects the intents of every message',
  'reply.md': "phrases every agent's answer",
  'repair.md': 'repairs any model answer that does not parse',
};

function inside(folder: string, path: string): string | undefined {
  const rel = relative(resolve(folder), resolve(path));
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? undefined : rel.split(sep).join('/');
}

/** Says which cases a changed file can affect, from where it sits and its name. */
export function classifyChange(path: string, folders: EvalSourceFolders): ChangedSource {
  const promptRel = inside(folders.prompts, path);
  if (promptRel !== undefined) {
    const label = `${basename(folders.prompts)}/${promptRel}`;
    const shared = SHARED_PROMPTS[promptRel];
    if (shared) return { path, label, use: { kind: 'every-case', why: shared } };
    if (promptRel === 'judge.md') return { path, label, use: { kind: 'judge-prompt', scope: 'turn' } };
    if (promptRel === 'judge-conversation.md') {
      return { path, label, use: { kind: 'judge-prompt', scope: 'conversation' } };
    }
    const agent = AgentNameSchema.safeParse(/^agents\/(.+)\.md$/.exec(promptRel)?.[1]);
    if (agent.success) return { path, label, use: { kind: 'agent', agent: agent.data } };
    return { path, label, use: { kind: 'unused', why: 'no task or agent reads this file' } };
  }
  const judgeRel = inside(folders.judges, path);
  if (judgeRel !== undefined) {
    const label = `${basename(folders.judges)}/${judgeRel}`;
    if (/^[^/]+\.md$/.test(judgeRel) && !/^readme\.md$/i.test(judgeRel)) {
      return { path, label, use: { kind: 'rubric', rubric: judgeRel.slice(0, -'.md'.length) } };
    }
    return { path, label, use: { kind: 'unused', why: 'not a rubric the eval reads' } };
  }
  const goldenRel = inside(folders.goldenSet, path);
  if (goldenRel !== undefined) {
    const label = `${basename(folders.goldenSet)}/${goldenRel}`;
    if (/^[^/]+\.ya?ml$/i.test(goldenRel)) return { path, label, use: { kind: 'golden-file' } };
    return { path, label, use: { kind: 'unused', why: 'not a golden-set file' } };
  }
  return { path, label: path, use: { kind: 'unused', why: 'outside prompts, judges and the golden set' } };
}

/**
 * The agents a case reaches, from the intents its turns expect. A turn that expects no intents
 * could reach any agent, so it yields undefined: such a case counts as using every agent.
 */
function agentsOf(goldenCase: LoadedCase): Set<AgentName> | undefined {
  const agents = new Set<AgentName>();
  for (const turn of goldenCase.turns) {
    if (!turn.expect.intents) return undefined;
    for (const intent of turn.expect.intents) agents.add(AGENT_FOR_INTENT[intent]);
  }
  return agents;
}

const rubricName = (judge: unknown): string | undefined =>
  typeof judge === 'string'
    ? judge
    : typeof judge === 'object' && judge !== null && 'name' in judge && typeof judge.name === 'string'
      ? judge.name
      : undefined;

function turnRubricsOf(goldenCase: LoadedCase): Set<string> {
  return new Set(
    goldenCase.turns.flatMap((turn) => (turn.expect.judges ?? []).map((j) => rubricName(j) ?? '')),
  );
}

/** Whole-conversation rubrics a case names at its top level (`judges:` beside `turns:`), if any. */
function conversationRubricsOf(goldenCase: LoadedCase): Set<string> {
  const named = 'judges' in goldenCase && Array.isArray(goldenCase.judges) ? goldenCase.judges : [];
  return new Set(named.map(rubricName).filter((name): name is string => name !== undefined));
}

function affects(use: SourceUse, goldenCase: LoadedCase, path: string): boolean {
  switch (use.kind) {
    case 'every-case':
      return true;
    case 'agent':
      return agentsOf(goldenCase)?.has(use.agent) ?? true;
    case 'judge-prompt':
      return (use.scope === 'turn' ? turnRubricsOf(goldenCase) : conversationRubricsOf(goldenCase)).size > 0;
    case 'rubric':
      return turnRubricsOf(goldenCase).has(use.rubric) || conversationRubricsOf(goldenCase).has(use.rubric);
    case 'golden-file':
      return resolve(goldenCase.file) === resolve(path);
    case 'unused':
      return false;
  }
}

export interface CaseSelection {
  changes: ChangedSource[];
  /** The affected cases, in golden-set order. */
  selected: LoadedCase[];
  /** Case id → labels of the changed files that selected it. */
  because: Map<string, string[]>;
}

/** The cases whose outcome a change to these files can move; the rest would score the same. */
export function affectedCases(
  cases: readonly LoadedCase[],
  changes: readonly ChangedSource[],
): CaseSelection {
  const because = new Map<string, string[]>();
  for (const goldenCase of cases) {
    const labels = changes.filter((c) => affects(c.use, goldenCase, c.path)).map((c) => c.label);
    if (labels.length > 0) because.set(goldenCase.id, labels);
  }
  return { changes: [...changes], selected: cases.filter((c) => because.has(c.id)), because };
}
