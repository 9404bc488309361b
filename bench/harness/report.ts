import { z } from 'zod';

/** A target a bench checks: `actual <comparison> limit`. */
export const TargetCheckSchema = z.object({
  name: z.string(),
  comparison: z.enum(['<', '<=', '>=']),
  limit: z.number(),
  unit: z.string(),
  /** null when the figure could not be measured (the target then fails). */
  actual: z.number().nullable(),
  pass: z.boolean(),
});
export type TargetCheck = z.infer<typeof TargetCheckSchema>;

export const BenchTableSchema = z.object({
  title: z.string(),
  head: z.array(z.string()),
  rows: z.array(z.array(z.string())),
});
export type BenchTable = z.infer<typeof BenchTableSchema>;

export const BenchReportSchema = z.object({
  name: z.string(),
  title: z.string(),
  /** ok: measured; unavailable: a module the bench needs is missing; error: the bench crashed. */
  status: z.enum(['ok', 'unavailable', 'error']),
  ranAt: z.string(),
  durationMs: z.number(),
  /** 1-minute load average when the bench started: above the core count, figures are inflated. */
  loadAverage: z.number(),
  /** How it was measured, and why a target was missed when one was. */
  notes: z.array(z.string()),
  /** Every figure, flat, for machines: "sample.p95Ms" → 1.23. */
  figures: z.record(z.string(), z.number()),
  targets: z.array(TargetCheckSchema),
  tables: z.array(BenchTableSchema),
});
export type BenchReport = z.infer<typeof BenchReportSchema>;

export const MachineSchema = z.object({
  cpuModel: z.string(),
  cores: z.number(),
  memoryGb: z.number(),
  node: z.string(),
  platform: z.string(),
  date: z.string(),
  loadAverage: z.number(),
  /** The commit measured, "+dirty" when the working tree had changes. */
  commit: z.string(),
});
export type Machine = z.infer<typeof MachineSchema>;

export const ResultsFileSchema = z.object({
  machine: MachineSchema,
  /** The command that produced the latest figures. */
  command: z.string(),
  benches: z.record(z.string(), BenchReportSchema),
});
export type ResultsFile = z.infer<typeof ResultsFileSchema>;

/** What a bench returns; the harness adds name, title, status, timing. */
export type BenchOutcome = Pick<BenchReport, 'notes' | 'figures' | 'targets' | 'tables'>;

export function target(
  name: string,
  actual: number | null,
  comparison: TargetCheck['comparison'],
  limit: number,
  unit: string,
): TargetCheck {
  const pass =
    actual !== null &&
    (comparison === '<' ? actual < limit : comparison === '<=' ? actual <= limit : actual >= limit);
  return { name, comparison, limit, unit, actual, pass };
}
