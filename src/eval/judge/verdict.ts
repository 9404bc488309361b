import { z } from 'zod';
import type { GenerateResult } from '../../core/ports/language-model.js';

/** The judge's structured verdict: reasoning first, so it reasons before it decides. */
export const VerdictSchema = z.object({
  reasoning: z.string().min(1).describe('Step-by-step reasoning against each criterion, before deciding'),
  pass: z.boolean().describe('true only if the reply meets the rubric'),
  score: z.number().min(0).max(1).describe('0 = fails completely, 1 = fully meets the rubric'),
});
export type Verdict = z.infer<typeof VerdictSchema>;

export type ParsedVerdict = { ok: true; verdict: Verdict } | { ok: false; error: string };

/** The runtime's parsed object, else the text as JSON; validated either way. */
export function parseVerdict(result: GenerateResult): ParsedVerdict {
  let candidate: unknown = result.object;
  if (candidate === undefined) {
    try {
      candidate = JSON.parse(result.text);
    } catch {
      const shown = result.text.trim() === '' ? 'an empty answer' : `"${result.text.slice(0, 120)}"`;
      return { ok: false, error: `malformed verdict: not JSON (${shown}, finish: ${result.finishReason})` };
    }
  }
  const parsed = VerdictSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, verdict: parsed.data };
  const issue = parsed.error.issues[0];
  return {
    ok: false,
    error: `malformed verdict: ${issue?.path.join('.') || 'verdict'}: ${issue?.message ?? 'invalid'}`,
  };
}
