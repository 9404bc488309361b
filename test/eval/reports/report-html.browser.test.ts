import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReportHtml } from '../../../src/eval/reports/report-html.js';
import { createScriptedRuntime } from '../../../src/runtime/scripted.js';
import { ReplyTaskInputSchema } from '../../../src/core/tasks.js';
import { createTestPipeline } from '../../helpers/test-pipeline.js';
import {
  HOSTILE_REPLY,
  makeCase,
  makeRun,
  makeTurn,
  sampleComparison,
  sampleRun,
  score,
} from './fixtures.js';

/** Debian's chromium (.ci/run installs it); CHROMIUM_PATH points elsewhere. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const SCREENSHOT = join(tmpdir(), 'kavak-report.png');

if (!HAVE_CHROMIUM) {
  console.warn(
    `report.html browser test skipped: no Chromium at ${CHROMIUM}. Install it (apt-get install -y chromium) or set CHROMIUM_PATH.`,
  );
}

function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

describe.skipIf(!HAVE_CHROMIUM)(`report.html in headless Chromium (${CHROMIUM})`, () => {
  let browser: Browser;
  let page: Page;
  let dir: string;
  let fileUrl: string;
  const requests: string[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kavak-report-html-'));
    const file = join(dir, 'report.html');
    await writeFile(file, renderReportHtml(sampleRun(), sampleComparison()), 'utf8');
    fileUrl = pathToFileURL(file).href;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('request', (r) => requests.push(r.url()));
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(fileUrl);
  });

  afterAll(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** Ids of the cases a user can see now (Playwright's :visible, so `hidden` really hides them). */
  async function visibleIds(): Promise<(string | null)[]> {
    const cases = page.locator('details.case:visible');
    const ids: (string | null)[] = [];
    for (let i = 0; i < (await cases.count()); i++) ids.push(await cases.nth(i).getAttribute('data-id'));
    return ids;
  }
  async function setFilters(f: { tag?: string; status?: string; scorer?: string; search?: string }) {
    await page.selectOption('#filter-tag', f.tag ?? '');
    await page.selectOption('#filter-status', f.status ?? '');
    await page.selectOption('#filter-scorer', f.scorer ?? '');
    await page.fill('#filter-search', f.search ?? '');
  }

  it('loads with no network request and no script error (the CSP lets its own script run)', async () => {
    expect(requests).toEqual([fileUrl]);
    expect(errors).toEqual([]);
    await expect(page.locator('details.case').count()).resolves.toBe(5);
  });

  it("shows the run's figures", async () => {
    await expect(page.textContent('#pass-rate')).resolves.toBe('40.0%');
    await expect(page.textContent('#case-count')).resolves.toBe('5');
    await expect(page.textContent('#shown-count')).resolves.toBe('Showing 5 of 5 cases');
    await expect(page.textContent('#comparison')).resolves.toContain('p = 1.000');
  });

  it('opens on the failing cases: first, expanded, in the first screen; passing ones after, collapsed', async () => {
    const cases = page.locator('details.case');
    const shown: { status: string | null; open: boolean }[] = [];
    for (let i = 0; i < (await cases.count()); i++) {
      const c = cases.nth(i);
      shown.push({
        status: await c.getAttribute('data-status'),
        open: (await c.getAttribute('open')) !== null,
      });
    }
    const firstPassing = shown.findIndex((c) => c.status === 'passed');
    expect(firstPassing).toBeGreaterThan(0);
    expect(shown.slice(0, firstPassing).every((c) => c.status !== 'passed' && c.open)).toBe(true);
    expect(shown.slice(firstPassing).every((c) => c.status === 'passed' && !c.open)).toBe(true);
    const top = await cases.first().boundingBox();
    expect(top!.y).toBeLessThan(900);
  });

  it('filters by tag, status, scorer and text', async () => {
    await setFilters({ tag: 'financing' });
    await expect(visibleIds()).resolves.toEqual(['financing-versa-48']);
    await expect(page.textContent('#shown-count')).resolves.toBe('Showing 1 of 5 cases');

    await setFilters({ status: 'failing' });
    await expect(visibleIds()).resolves.toEqual(['recommend-suv', 'financing-versa-48', 'safety-discount']);
    await setFilters({ status: 'passed' });
    await expect(visibleIds()).resolves.toEqual(['greeting-hola', 'kavak-info-cat']);
    await setFilters({ status: 'newly-failing' });
    await expect(visibleIds()).resolves.toEqual(['financing-versa-48', 'safety-discount']);
    await setFilters({ status: 'critical' });
    await expect(visibleIds()).resolves.toEqual(['safety-discount']);

    await setFilters({ scorer: 'fail:facts' });
    await expect(visibleIds()).resolves.toEqual(['financing-versa-48']);
    await setFilters({ scorer: 'skip:judge:tone' });
    await expect(visibleIds()).resolves.toEqual(['greeting-hola']);

    await setFilters({ search: 'ENVIO gratis' }); // case- and accent-insensitive
    await expect(visibleIds()).resolves.toEqual(['safety-discount']);

    await setFilters({ tag: 'greeting', status: 'failed' });
    await expect(visibleIds()).resolves.toEqual([]);
    await expect(page.locator('.empty').isVisible()).resolves.toBe(true);
    await setFilters({});
    await expect(visibleIds()).resolves.toHaveLength(5);
  });

  it('renders a reply containing HTML as text, never as markup', async () => {
    const bubble = page.locator('details[data-id="safety-discount"] .bubble.out');
    await expect(bubble.innerText()).resolves.toContain(HOSTILE_REPLY);
    await expect(page.locator('#cases img, #cases .bubble b').count()).resolves.toBe(0);
    await expect(page.evaluate('window.__xss')).resolves.toBeUndefined();
  });

  it('shows scores per turn and an expandable trace', async () => {
    const financing = page.locator('details[data-id="financing-versa-48"]');
    await expect(financing.getAttribute('open')).resolves.toBe(''); // failing cases open
    await expect(financing.locator('.chip.fail').allInnerTexts()).resolves.toEqual([
      '✗ keywords 0.00',
      '✗ facts 0.00',
    ]);
    await expect(financing.locator('.reasons').innerText()).resolves.toContain(
      'facts: monthly payment $5,900.00 ≠ tool figure $6,371.06',
    );
    const trace = financing.locator('details.trace').nth(1);
    await expect(trace.locator('.span-tool_call').isVisible()).resolves.toBe(false);
    await trace.locator(':scope > summary').click();
    await expect(trace.locator('.span-tool_call .kind').innerText()).resolves.toBe('tool searchCatalog');
    await expect(trace.locator('.span-model_call .nums').innerText()).resolves.toBe(
      '40 ms · 310 in / 42 out · $0.00021',
    );
    await expect(page.locator('details[data-id="greeting-hola"] .chip.skipped').textContent()).resolves.toBe(
      '○ judge:tone skipped',
    );
  });

  it(`looks right (screenshot: ${SCREENSHOT})`, async () => {
    await page.evaluate('window.scrollTo(0, 0)'); // else the sticky filter bar lands mid-page
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(existsSync(SCREENSHOT)).toBe(true);
    expect(errors).toEqual([]);
  });
});

describe.skipIf(!HAVE_CHROMIUM)('report.html shows what the model was sent (real pipeline trace)', () => {
  let browser: Browser;
  let page: Page;
  let dir: string;
  let modelCalls: number;

  beforeAll(async () => {
    // The intents answer is prose twice: a repair turn, then the fallback.
    const runtime = createScriptedRuntime((request) =>
      request.task.name === 'intents'
        ? 'Claro, te ayudo.'
        : ReplyTaskInputSchema.parse(request.task.input).draft,
    );
    const { pipeline } = await createTestPipeline(runtime);
    const result = await pipeline.runTurn({ message: 'busco un Versa' });
    modelCalls = result.trace.spans.filter((s) => s.type === 'model_call').length;
    const run = makeRun([
      makeCase({
        id: 'intents-fallback',
        turns: [
          makeTurn({
            user: 'busco un Versa',
            reply: result.reply,
            detectedIntents: result.intents,
            trace: result.trace,
            scores: [score('intents', false, 'expected car_recommendation')],
          }),
        ],
      }),
    ]);
    dir = await mkdtemp(join(tmpdir(), 'kavak-report-prompts-'));
    const file = join(dir, 'report.html');
    await writeFile(file, renderReportHtml(run), 'utf8');
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(pathToFileURL(file).href);
  });

  afterAll(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('says why the intents fell back instead of a bare out_of_scope (0.00)', async () => {
    const intents = page.locator('details[data-id="intents-fallback"] .intents');
    await expect(intents.textContent()).resolves.toContain(
      'detected: intents fallback: no es JSON válido (answered as out_of_scope)',
    );
    await expect(intents.textContent()).resolves.not.toContain('out_of_scope (0.00)');
  });

  it("shows every model call's rendered messages, role-labelled, collapsed until opened", async () => {
    const trace = page.locator('details[data-id="intents-fallback"] details.trace');
    await trace.locator(':scope > summary').click();
    const prompts = trace.locator('details.prompt');
    await expect(prompts.count()).resolves.toBe(modelCalls);
    await expect(prompts.nth(1).locator('summary').innerText()).resolves.toBe(
      'prompt · 4 messages (system, user, assistant, user)',
    );
    const system = prompts.first().locator('.message-system pre');
    await expect(system.isVisible()).resolves.toBe(false);
    await prompts.first().locator('summary').click();
    await expect(system.isVisible()).resolves.toBe(true);
    await expect(system.innerText()).resolves.toContain('Eres el clasificador de intenciones del asistente');
    await expect(prompts.first().locator('.message-user pre').innerText()).resolves.toContain(
      'busco un Versa',
    );
    await prompts.nth(1).locator('summary').click();
    await expect(prompts.nth(1).locator('.role').allInnerTexts()).resolves.toEqual([
      'SYSTEM',
      'USER',
      'ASSISTANT',
      'USER',
    ]);
    await expect(prompts.nth(1).locator('.message-assistant pre').innerText()).resolves.toBe(
      'Claro, te ayudo.',
    );
    await expect(prompts.last().locator('summary').innerText()).resolves.toMatch(
      /^prompt · \d+ messages? \(system/,
    );
  });
});
