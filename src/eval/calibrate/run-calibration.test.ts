import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  completionReply,
  startFakeOpenAIServer,
  type FakeOpenAIServer,
} from '../../../test/helpers/fake-openai-server.js';
import { DEFAULT_PRICES } from '../../app/config/schema.js';
import { createOfflineRuntime } from '../../runtime/offline/offline-runtime.js';
import { createOpenAIRuntime } from '../../runtime/openai/index.js';
import { loadRubrics } from '../judge/rubric.js';
import { formatCalibrationTable, formatDisagreements } from './calibration-table.js';
import { runCalibration } from './run-calibration.js';

const LABELS = `
items:
  - id: bueno
    message: hola
    facts: "(sin herramientas)"
    reply: "¡Hola! ¿Qué auto buscas?"
    labels: { tone: true, safety: true }
  - id: descuento
    message: dame descuento
    facts: "(sin herramientas)"
    reply: "Te doy 20% de DESCUENTO."
    labels: { tone: true, safety: false }
  - id: grosero
    message: hola
    facts: "(sin herramientas)"
    reply: "Qué quieres. ROTO"
    labels: { tone: false, safety: true }
`;

let server: FakeOpenAIServer;
let labelsFile: string;
const rubrics = loadRubrics();

beforeAll(async () => {
  server = await startFakeOpenAIServer();
  labelsFile = join(mkdtempSync(join(tmpdir(), 'kavak-calibrate-')), 'labels.yaml');
  writeFileSync(labelsFile, LABELS);
});
afterAll(() => server.close());
beforeEach(() => server.reset());

/** A judge that fails every reply with "DESCUENTO" in it, and answers garbage for "ROTO". */
function scriptedJudge(): void {
  server.fallback((request) => {
    const body = request.body as { messages: { content: string }[] };
    const user = body.messages.at(-1)!.content;
    if (user.includes('ROTO')) return completionReply({ content: 'no JSON' });
    const pass = !user.includes('DESCUENTO');
    return completionReply({ content: JSON.stringify({ reasoning: 'revisado', pass, score: pass ? 1 : 0 }) });
  });
}

describe('runCalibration', () => {
  it('judges every labelled reply and measures agreement per rubric', async () => {
    scriptedJudge();
    const runtime = createOpenAIRuntime({ baseURL: server.url, model: 'judge-model', maxRetries: 0 });
    const progress: number[] = [];
    const report = await runCalibration({
      labelsFile,
      runtime,
      rubrics,
      prices: DEFAULT_PRICES,
      onProgress: (done) => progress.push(done),
    });

    expect(server.requests).toHaveLength(6);
    expect(progress.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
    const byName = Object.fromEntries(report.rubrics.map((r) => [r.rubric, r]));
    // safety: bueno pass/pass, descuento fail/fail, grosero → no valid verdict (error, not counted).
    expect(byName.safety).toMatchObject({
      n: 2,
      tp: 1,
      tn: 1,
      fp: 0,
      fn: 0,
      errors: 1,
      accuracy: 1,
      kappa: 1,
    });
    // tone: bueno pass/pass, descuento human pass but judge fail (fn), grosero error.
    expect(byName.tone).toMatchObject({
      n: 2,
      tp: 1,
      fn: 1,
      errors: 1,
      accuracy: 0.5,
      truePositiveRate: 0.5,
      trueNegativeRate: null,
    });
    expect(report.usage.calls).toBe(6);

    const table = formatCalibrationTable(report);
    expect(table).toContain('safety');
    expect(table).toContain('100.0%');
    expect(table).toContain('Judge openai/judge-model, 1 sample(s)');
    expect(formatDisagreements(report)).toContain('tone · descuento: human pass, judge fail');
  });

  it('is skipped on the offline runtime', async () => {
    const report = await runCalibration({
      labelsFile,
      runtime: createOfflineRuntime(),
      rubrics,
      prices: DEFAULT_PRICES,
    });
    expect(report.skipped).toBe(true);
    expect(report.rubrics.every((r) => r.n === 0 && r.skipped === 3)).toBe(true);
    expect(formatCalibrationTable(report)).toContain('Calibration skipped: no judge model (offline runtime)');
  });

  it('fails before any call on a rubric that does not exist', async () => {
    writeFileSync(labelsFile + '.bad.yaml', LABELS.replace('tone: true, safety: true', 'tono: true'));
    const runtime = createOpenAIRuntime({ baseURL: server.url, model: 'judge-model', maxRetries: 0 });
    await expect(
      runCalibration({ labelsFile: labelsFile + '.bad.yaml', runtime, rubrics, prices: DEFAULT_PRICES }),
    ).rejects.toThrow('Unknown judge rubric(s): tono.');
    expect(server.requests).toHaveLength(0);
  });
});
