import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRubrics } from '../judge/rubric.js';
import { defaultLabelsFile, loadLabels } from './labels.js';

describe('the shipped labels file', () => {
  const labels = loadLabels(defaultLabelsFile());
  // Labels are replies: conversation rubrics (scope: conversation) are not calibrated on them.
  const rubrics = loadRubrics()
    .filter((rubric) => rubric.scope === 'turn')
    .map((rubric) => rubric.name);

  it('has at least 40 labelled replies for rubrics that exist', () => {
    expect(labels.items.length).toBeGreaterThanOrEqual(40);
    for (const item of labels.items)
      for (const rubric of Object.keys(item.labels)) expect(rubrics).toContain(rubric);
  });

  it('labels good and bad replies for every rubric (kappa needs both)', () => {
    for (const rubric of rubrics) {
      const verdicts = labels.items.flatMap((item) => (rubric in item.labels ? [item.labels[rubric]] : []));
      expect(verdicts.filter((v) => v === true).length, rubric).toBeGreaterThanOrEqual(5);
      expect(verdicts.filter((v) => v === false).length, rubric).toBeGreaterThanOrEqual(5);
    }
  });
});

describe('loadLabels errors', () => {
  const write = (text: string) => {
    const path = join(mkdtempSync(join(tmpdir(), 'kavak-labels-')), 'labels.yaml');
    writeFileSync(path, text);
    return path;
  };

  it('names the file, the item and the field', () => {
    const path = write(
      'items:\n  - id: uno\n    message: hola\n    facts: x\n    reply: hola\n    labels: { tone: "sí" }\n',
    );
    expect(() => loadLabels(path)).toThrow(`Labels file ${path}: items[0].labels.tone (id "uno"): `);
  });

  it('rejects duplicate ids, items without labels and a missing file', () => {
    const item =
      '  - id: uno\n    message: hola\n    facts: x\n    reply: hola\n    labels: { tone: true }\n';
    expect(() => loadLabels(write(`items:\n${item}${item}`))).toThrow(
      'items[1].id (id "uno"): duplicate id "uno"',
    );
    expect(() =>
      loadLabels(
        write('items:\n  - id: uno\n    message: hola\n    facts: x\n    reply: hola\n    labels: {}\n'),
      ),
    ).toThrow('label at least one rubric');
    expect(() => loadLabels('/nowhere/labels.yaml')).toThrow('Labels file /nowhere/labels.yaml: not found.');
  });
});
