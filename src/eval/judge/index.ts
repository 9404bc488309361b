export {
  createJudgeScorer,
  type JudgeScorer,
  type JudgeScorerOptions,
  type JudgeTurnScores,
  type RubricInfo,
} from './create-judge-scorer.js';
export { judgeReply, judgeTaskInput, type JudgeOutcome, type JudgeReplyOptions } from './judge-reply.js';
export {
  factsFromTrace,
  judgeInputFromTurn,
  JudgeInputSchema,
  renderConversation,
  type JudgeInput,
} from './judge-input.js';
export {
  assertRubricsExist,
  DEFAULT_PASS_THRESHOLD,
  defaultJudgesDir,
  loadRubrics,
  parseRubric,
  RubricFrontMatterSchema,
  type Rubric,
} from './rubric.js';
export { majorityVote, UNCERTAIN_BELOW, type SampleOutcome, type Vote } from './vote.js';
export { parseVerdict, VerdictSchema, type Verdict } from './verdict.js';
export { addUsage, emptyUsage, type JudgeUsage } from './usage.js';
