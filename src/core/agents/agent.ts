import type { Lead } from '../ports/conversations.js';
import type { Entities, Intent } from '../intents/schema.js';
import type { Profile } from '../profile.js';
import type { AgentName } from '../tasks.js';
import type { TurnContext } from '../turn-context.js';

/** What an agent worked out from the tools, before any model phrases it. */
export interface AgentAnswer {
  agent: AgentName;
  /** The complete, correct answer built in code from the tools' facts. */
  draft: string;
  /** The tools' facts the draft was built from (sent to the model and to the judges). */
  facts: Record<string, unknown>;
  /** Profile fields this answer changes (car under discussion, last cars shown …). */
  profilePatch?: Partial<Profile>;
  leads?: Lead[];
  /** false: use the draft as is, no phrasing call (e.g. a greeting next to other answers). */
  phrase: boolean;
}

export interface AgentContext extends TurnContext {
  intent: Intent;
  /** Entities of the whole message (all intents combined). */
  entities: Entities;
  /** Other agents answering the same message, so an agent can stay brief. */
  otherAgents: AgentName[];
  spanId: string;
}

export interface Agent {
  name: AgentName;
  run(ctx: AgentContext): Promise<AgentAnswer> | AgentAnswer;
}

/** Runs a tool and records it as a span of the agent: input and output are in the trace. */
export function useTool<T>(ctx: AgentContext, tool: string, input: unknown, run: () => T): T {
  const started = performance.now();
  const output = run();
  // A JSON copy, so later changes to the tool's objects cannot rewrite the trace.
  const recorded = JSON.parse(JSON.stringify(output ?? null)) as unknown;
  ctx.tracer.record(
    ctx.spanId,
    { type: 'tool_call', tool, input, output: recorded },
    performance.now() - started,
  );
  return output;
}
