export {
  scoreConversation,
  type ConversationScore,
  type ScoreConversationOptions,
} from './score-conversation.js';
export { ConversationTranscriptSchema, transcriptTurns, type ConversationTranscript } from './transcript.js';
export { renderTranscript } from '../judge/judge-conversation.js';
