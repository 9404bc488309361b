import type { ModelPrice } from '../../app/config/schema.js';
import { repairMessage } from '../../core/model-call.js';
import type {
  ChatMessage,
  GenerateRequest,
  GenerateResult,
  LanguageModelRuntime,
} from '../../core/ports/language-model.js';
import type { PromptLibrary } from '../../core/prompts/prompt-library.js';
import { estimateCostUsd } from '../../core/trace/cost.js';
import { addUsage, emptyUsage } from '../judge/usage.js';
import {
  CustomerTurnSchema,
  type CustomerMove,
  type CustomerPlayer,
  type CustomerTurn,
  type CustomerUsage,
  type Exchange,
} from './customer.js';
import { budgetPhrase } from './customer-moves.js';
import type { Persona } from './persona.js';

export const CUSTOMER_PROMPT = 'simulator/customer';

export interface ModelCustomerOptions {
  runtime: LanguageModelRuntime;
  prompts: PromptLibrary;
  persona: Persona;
  prices: Record<string, ModelPrice>;
  model?: string;
}

/** The prompt's variables: the persona as a brief the model plays, and the chat so far. */
export function customerPromptVars(
  persona: Persona,
  transcript: readonly Exchange[],
): Record<string, unknown> {
  const { style } = persona;
  const styleLines = [
    style.accents ? 'escribe con acentos' : 'escribe SIN acentos ni ñ ni signos ¿ ¡',
    style.lowercase ? 'todo en minúsculas' : 'mayúsculas normales',
    style.typos > 0
      ? `con errores de dedo en ~${Math.round(style.typos * 100)}% de las palabras largas`
      : 'sin errores de dedo',
    style.slang ? 'con modismos mexicanos (neta, porfa, ahorita, qué onda)' : 'sin modismos',
    style.abbreviations ? 'con abreviaturas (q, xq, tmb, pa, plis)' : 'sin abreviaturas',
    { none: 'sin emojis', few: 'con algún emoji de vez en cuando', many: 'con muchos emojis' }[style.emojis],
    {
      low: 'paciente',
      medium: 'normal de paciencia',
      high: 'muy impaciente: mensajes cortos, se va si no le ayudan rápido',
    }[style.impatience],
  ];
  return {
    name: persona.name ?? 'el cliente',
    goal: persona.goal,
    budget: budgetPhrase(persona.budget),
    city: persona.city,
    wants: JSON.stringify(persona.wants),
    style: styleLines.map((line) => `- ${line}`).join('\n'),
    success: persona.success.description,
    max_turns: persona.maxTurns,
    opening: persona.opening ?? '(ninguno: empieza como quieras)',
    turn: transcript.length + 1,
    conversation:
      transcript.length === 0
        ? '(todavía no hay mensajes: escribe el primero)'
        : transcript.map((e) => `Cliente: ${e.customer}\nAsesor: ${e.agent}`).join('\n\n'),
  };
}

/**
 * The customer played by a model from prompts/simulator/customer.md. Its answer must be a
 * CustomerTurn: an invalid one gets one repair turn that shows the model its error (the
 * agent's own repair messages, prompts/repair.md); a second invalid one ends the conversation
 * with the reason, it never throws for a model failure.
 */
export function createModelCustomer(options: ModelCustomerOptions): CustomerPlayer {
  const { runtime, prompts, persona } = options;
  const model = options.model ?? runtime.model;
  return {
    runtime: runtime.id,
    model,
    async next(transcript, signal): Promise<CustomerMove> {
      const prompt = prompts.render(CUSTOMER_PROMPT, customerPromptVars(persona, transcript));
      const request = (messages: ChatMessage[]): GenerateRequest => ({
        task: { name: 'customer', input: { persona: persona.id, transcript } },
        messages,
        output: { name: 'customer_turn', schema: CustomerTurnSchema },
        model: options.model,
        temperature: prompt.temperature,
        maxOutputTokens: prompt.maxOutputTokens,
        signal,
      });
      let usage: CustomerUsage = emptyUsage();
      const call = async (messages: ChatMessage[]) => {
        const result = await runtime.generate(request(messages));
        usage = addUsage(usage, {
          calls: 1,
          ...result.usage,
          costUsd: result.cached ? 0 : estimateCostUsd(model, result.usage, options.prices).costUsd,
          cachedCalls: result.cached ? 1 : 0,
        });
        return result;
      };
      try {
        const first = await call(prompt.messages);
        const checked = parseCustomerTurn(first);
        if (checked.ok) return { ok: true, turn: checked.turn, usage };
        const second = await call([
          ...prompt.messages,
          { role: 'assistant', content: first.text },
          {
            role: 'user',
            content: repairMessage(prompts, {
              error: checked.error,
              cutOff: first.finishReason === 'length',
            }),
          },
        ]);
        const again = parseCustomerTurn(second);
        if (again.ok) return { ok: true, turn: again.turn, usage };
        return {
          ok: false,
          error: `the customer model gave no valid answer after a repair turn: ${again.error}`,
          usage,
        };
      } catch (error) {
        if (signal?.aborted) throw error;
        return {
          ok: false,
          error: `the customer model call failed: ${error instanceof Error ? error.message : String(error)}`,
          usage,
        };
      }
    },
  };
}

type Parsed = { ok: true; turn: CustomerTurn } | { ok: false; error: string };

/** The runtime's parsed object, else the text as JSON (inside a ``` fence too); validated either way. */
export function parseCustomerTurn(result: GenerateResult): Parsed {
  let candidate = result.object;
  if (candidate === undefined) {
    const text = result.text.trim().replace(/^```(?:json)?\s*([\s\S]*?)\s*```$/, '$1');
    try {
      candidate = JSON.parse(text);
    } catch {
      const shown = text === '' ? 'an empty answer' : `"${text.slice(0, 120)}"`;
      return { ok: false, error: `not JSON (${shown}, finish: ${result.finishReason})` };
    }
  }
  const parsed = CustomerTurnSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: `${issue?.path.join('.') || 'answer'}: ${issue?.message ?? 'invalid'}` };
  }
  if (parsed.data.status === 'continue' && parsed.data.message.trim() === '') {
    return { ok: false, error: 'message: empty, but status is "continue"' };
  }
  return { ok: true, turn: parsed.data };
}
