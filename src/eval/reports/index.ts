import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunResult } from '../results/schema.js';
import { renderJunitXml } from './junit/junit-xml.js';
import { renderReportHtml } from './report-html.js';
import { renderSummaryMarkdown } from './summary-md.js';
import type { ReportWriter } from './write-results.js';

import type { ReportExtras } from './write-results.js';
export type { ReportExtras };

function fileWriter(name: string, render: (run: RunResult, extras: ReportExtras) => string): ReportWriter {
  return async (run, dir, extras) => {
    await mkdir(dir, { recursive: true });
    const path = join(dir, name);
    await writeFile(path, render(run, extras), 'utf8');
    return path;
  };
}

export const writeSummaryMarkdown = fileWriter('summary.md', (run, x) =>
  renderSummaryMarkdown(run, x.comparison, x.variants),
);
export const writeJunitXml = fileWriter('junit.xml', (run) => renderJunitXml(run));
export const writeReportHtml = fileWriter('report.html', (run, x) =>
  renderReportHtml(run, x.comparison, x.variants),
);

/** summary.md, junit.xml and report.html; results.json is written by the runner. */
export const REPORT_WRITERS: ReportWriter[] = [writeSummaryMarkdown, writeJunitXml, writeReportHtml];

export { renderJunitXml, renderReportHtml, renderSummaryMarkdown, type ReportWriter };
export { aggregateRun, type ReportFigures } from './aggregate.js';
