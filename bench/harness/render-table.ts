import Table from 'cli-table3';
import type { BenchReport, BenchTable, TargetCheck } from './report.js';
import { fmt } from './stats.js';

function renderTable(table: BenchTable): string {
  const out = new Table({ head: table.head, style: { head: [], border: [] } });
  out.push(...table.rows);
  return `${table.title}\n${out.toString()}`;
}

function targetRow(check: TargetCheck): string[] {
  const actual = check.actual === null ? 'not measured' : `${fmt(check.actual)} ${check.unit}`;
  return [
    check.name,
    `${check.comparison} ${fmt(check.limit)} ${check.unit}`,
    actual,
    check.pass ? 'pass' : 'FAIL',
  ];
}

/** A bench's tables, its targets and its notes, as printed after it runs. */
export function renderReport(report: BenchReport): string {
  const parts = [
    `\n== ${report.name}: ${report.title} (${(report.durationMs / 1000).toFixed(1)} s, ${report.status})`,
  ];
  parts.push(...report.tables.map(renderTable));
  if (report.targets.length > 0) {
    parts.push(
      renderTable({
        title: 'Targets',
        head: ['target', 'limit', 'measured', ''],
        rows: report.targets.map(targetRow),
      }),
    );
  }
  parts.push(...report.notes.map((note) => `- ${note}`));
  return parts.join('\n');
}

/** One line per target over every bench that ran. */
export function renderSummary(reports: readonly BenchReport[]): string {
  const rows = reports.flatMap((report) =>
    report.targets.length > 0
      ? report.targets.map((check) => [report.name, ...targetRow(check)])
      : [[report.name, report.status === 'ok' ? '(no target)' : report.status, '', '', '']],
  );
  return renderTable({ title: '\nSummary', head: ['bench', 'target', 'limit', 'measured', ''], rows });
}
