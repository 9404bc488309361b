import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { packageRoot } from '../../app/config/paths.js';
import { UserInputError } from '../../support/errors.js';
import { HistoryTurnSchema } from '../../core/tasks.js';

/** One human-labelled reply: what the judge would see, and the human's verdict per rubric. */
export const LabelledReplySchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'ids are lowercase letters, digits and -'),
  /** Why it is labelled so (what is good or deliberately wrong in it). */
  note: z.string().optional(),
  conversation: z.array(HistoryTurnSchema.strict()).default([]),
  message: z.string(),
  /** The facts the agents had: the tools' outputs, as text or as a YAML mapping. */
  facts: z.union([z.string(), z.record(z.string(), z.unknown())]),
  reply: z.string(),
  /** rubric name → the human's verdict (true = the reply meets the rubric). */
  labels: z
    .record(z.string(), z.boolean())
    .refine((labels) => Object.keys(labels).length > 0, 'label at least one rubric'),
});
export type LabelledReply = z.infer<typeof LabelledReplySchema>;

export const LabelsFileSchema = z
  .strictObject({
    /** Facts several items share, written once with a YAML anchor (&name) and reused (*name). */
    shared_facts: z.record(z.string(), z.unknown()).optional(),
    items: z.array(LabelledReplySchema).min(1),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.items.forEach((item, i) => {
      if (seen.has(item.id))
        ctx.addIssue({ code: 'custom', path: ['items', i, 'id'], message: `duplicate id "${item.id}"` });
      seen.add(item.id);
    });
  });
export type LabelsFile = z.infer<typeof LabelsFileSchema>;

/** Reads and validates a labels file; an error names the file, the item and the field. */
export function loadLabels(path: string): LabelsFile {
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(path, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'not found' : `not valid YAML (${(error as Error).message})`;
    throw new UserInputError(`Labels file ${path}: ${why}.`, {
      hint: 'See judges/calibration/labels.yaml for the format.',
    });
  }
  const parsed = LabelsFileSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path ?? [];
  const index = where[0] === 'items' && typeof where[1] === 'number' ? where[1] : undefined;
  const itemId =
    index === undefined ? undefined : (raw as { items?: { id?: unknown }[] } | null)?.items?.[index]?.id;
  const id = typeof itemId === 'string' ? ` (id "${itemId}")` : '';
  const field = where
    .map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`))
    .join('')
    .replace(/^\./, '');
  throw new UserInputError(`Labels file ${path}: ${field || 'file'}${id}: ${issue?.message ?? 'invalid'}`, {
    hint: 'Each item needs id, message, facts, reply and labels: { <rubric>: true|false }.',
  });
}

/** Facts as the judge reads them. */
export function factsText(facts: LabelledReply['facts']): string {
  return typeof facts === 'string' ? facts.trim() : JSON.stringify(facts, null, 1);
}

/** The labelled replies shipped with the package (judges/calibration/labels.yaml). */
export function defaultLabelsFile(): string {
  return join(packageRoot(), 'judges', 'calibration', 'labels.yaml');
}
