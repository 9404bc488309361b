import { UserInputError } from '../../support/errors.js';

/** One thing wrong with the golden set, located as precisely as the YAML allows. */
export interface GoldenSetIssue {
  file: string;
  /** 1-based line in the file, when the YAML node could be found. */
  line?: number;
  /** The case's id, when it has one. */
  caseId?: string;
  /** 0-based position of the case in its file. */
  caseIndex?: number;
  /** Field path inside the case (or the file when no case), e.g. "turns[1].expect.intents[0]". */
  path: string;
  message: string;
}

const HINT =
  'Fix the fields named above; golden-set/schema.json lists every allowed field (editors with the YAML extension check it as you type).';

/** "golden-set/cars.yaml:42 case cars-versa turns[1].expect.intents[0]: Invalid option …" */
export function formatIssue(issue: GoldenSetIssue): string {
  const where = issue.line === undefined ? issue.file : `${issue.file}:${issue.line}`;
  const which =
    issue.caseId !== undefined
      ? ` case "${issue.caseId}"`
      : issue.caseIndex !== undefined
        ? ` case #${issue.caseIndex + 1}`
        : '';
  const field = issue.path === '' ? '' : ` ${issue.path}`;
  return `${where}${which}${field}: ${issue.message}`;
}

/** The golden set does not load: every problem found, not just the first. Exit code 2. */
export class GoldenSetError extends UserInputError {
  constructor(
    readonly issues: readonly GoldenSetIssue[],
    options: { hint?: string; summary?: string } = {},
  ) {
    const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
    const summary = options.summary ?? `The golden set has ${count}:`;
    super([summary, ...issues.map((issue) => `  - ${formatIssue(issue)}`)].join('\n'), {
      hint: options.hint ?? HINT,
      exitCode: 2,
    });
  }
}
