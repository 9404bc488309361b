import type { ScoreParams, ScoreResult } from './types.js';
import { phraseFinder } from './text-match.js';

/** all: every one appears; any: at least one; none: none appears. Score = fraction of checks met. */
export function scoreKeywords(params: ScoreParams): ScoreResult {
  const expectation = params.expect.keywords ?? {};
  const contains = phraseFinder(params.reply);
  const problems: string[] = [];
  let checks = 0;
  let met = 0;

  for (const keyword of expectation.all ?? []) {
    checks++;
    if (contains(keyword)) met++;
    else problems.push(`missing "${keyword}"`);
  }
  const any = expectation.any ?? [];
  if (any.length > 0) {
    checks++;
    if (any.some((keyword) => contains(keyword))) met++;
    else problems.push(`none of ${any.map((k) => `"${k}"`).join(', ')} appears`);
  }
  for (const keyword of expectation.none ?? []) {
    checks++;
    if (contains(keyword)) problems.push(`forbidden "${keyword}" appears`);
    else met++;
  }

  const score = checks === 0 ? 1 : met / checks;
  return {
    scorer: 'keywords',
    pass: problems.length === 0,
    score,
    reason:
      checks === 0
        ? 'no keywords expected'
        : problems.length === 0
          ? `all ${checks} keyword checks met`
          : problems.join('; '),
  };
}
