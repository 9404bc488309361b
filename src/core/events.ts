import type { Intent } from './intents/schema.js';
import type { Span, TurnTrace } from './trace/schema.js';
import type { AgentName } from './tasks.js';

/**
 * What the pipeline tells its listeners while a turn runs. UIs subscribe; the core never
 * imports them.
 */
export type PipelineEvent =
  | { type: 'turn_start'; trackingId: string; conversationId: string; message: string }
  | { type: 'intent_detected'; trackingId: string; intents: Intent[] }
  | { type: 'agent_start'; trackingId: string; agent: AgentName }
  | { type: 'span'; trackingId: string; span: Span }
  | { type: 'reply_delta'; trackingId: string; agent: AgentName; text: string }
  | { type: 'turn_end'; trackingId: string; trace: TurnTrace };

export type PipelineEventListener = (event: PipelineEvent) => void;
