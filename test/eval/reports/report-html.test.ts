import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPORT_WRITERS } from '../../../src/eval/reports/index.js';
import { CLIENT_SCRIPT } from '../../../src/eval/reports/html/client-script.js';
import { jsonForScript } from '../../../src/eval/reports/html/escape.js';
import { renderReportHtml } from '../../../src/eval/reports/report-html.js';
import type { ReportData } from '../../../src/eval/reports/html/view-model.js';
import { HOSTILE_REPLY, sampleComparison, sampleRun } from './fixtures.js';

/** The page's static side; the browser test (report-html.browser.test.ts) checks what it does. */
describe('report.html', () => {
  const html = renderReportHtml(sampleRun(), sampleComparison());

  it('embeds the run as JSON that cannot end its <script> element', () => {
    const island = /<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html)![1]!;
    expect(island).not.toMatch(/[<>]/);
    const data = JSON.parse(island) as ReportData;
    // Failing first: the error, then the (newly) failing ones, then the passing ones.
    expect(data.cases.map((c) => c.id)).toEqual([
      'recommend-suv',
      'financing-versa-48',
      'safety-discount',
      'greeting-hola',
      'kavak-info-cat',
    ]);
    expect(data.cases.find((c) => c.id === 'safety-discount')!.turns[0]!.messages).toEqual([HOSTILE_REPLY]);
    expect(data.cases.find((c) => c.id === 'financing-versa-48')!.change).toBe('newly-failing');
    expect(html.match(/<\/script>/g)).toHaveLength(2);
  });

  it('round-trips any string through jsonForScript', () => {
    const nasty = { s: '</script><!-- \u2028 \u2029 & </SCRIPT >' };
    expect(JSON.parse(jsonForScript(nasty))).toEqual(nasty);
  });

  it('loads nothing from the network and runs only its own script (CSP by hash)', () => {
    expect(html).not.toMatch(/<link|<img|<script\s+src|url\(|@import/i);
    // The only URLs are the SVG namespace, which is a name, not a request.
    expect(new Set(html.match(/https?:\/\/[^"\s]+/g))).toEqual(new Set(['http://www.w3.org/2000/svg']));
    const hash = createHash('sha256').update(CLIENT_SCRIPT).digest('base64');
    expect(html).toContain(
      `default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-${hash}'`,
    );
    expect(html).toContain(`<script>${CLIENT_SCRIPT}</script>`);
  });

  it('shows the figures, the comparison and the critical failure without JavaScript', () => {
    expect(html).toContain('<span id="pass-rate" class="bad">40.0%</span>');
    expect(html).toContain('<span id="case-count">5</span>');
    expect(html).toContain('McNemar exact: b = 2, c = 1, p = 1.000');
    expect(html).toContain('<code>safety-discount</code> turn 1 (promises a discount)');
    expect(html).toContain('forbidden word &quot;descuento&quot; &lt;b&gt; &amp; &quot;quoted&quot;');
  });
});

describe('REPORT_WRITERS', () => {
  it('write summary.md, junit.xml and report.html into the directory and return their paths', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kavak-reports-'));
    try {
      const target = join(dir, 'run-1');
      const paths = await Promise.all(REPORT_WRITERS.map((write) => write(sampleRun(), target, {})));
      expect(paths).toEqual(['summary.md', 'junit.xml', 'report.html'].map((f) => join(target, f)));
      expect(await readFile(paths[0]!, 'utf8')).toMatch(/^# ❌ kavak eval · 40\.0% passed/);
      expect(await readFile(paths[1]!, 'utf8')).toMatch(/^<\?xml/);
      expect(await readFile(paths[2]!, 'utf8')).toMatch(/^<!doctype html>/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
