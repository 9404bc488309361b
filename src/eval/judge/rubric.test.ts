import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertRubricsExist, loadRubrics, parseRubric } from './rubric.js';

const VALID = `---
name: tone
description: Friendly tone.
temperature: 0
pass:
  threshold: 0.75
---
El tono es amable.
`;

describe('rubrics', () => {
  it('loads the shipped rubrics', () => {
    const rubrics = loadRubrics();
    expect(rubrics.map((r) => r.name)).toEqual(
      expect.arrayContaining(['grounded', 'helpful-sales', 'safety', 'tone']),
    );
    for (const rubric of rubrics) {
      expect(rubric.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(rubric.text.length).toBeGreaterThan(200);
      expect(rubric.threshold).toBeGreaterThan(0);
    }
  });

  it('parses the front matter and hashes front matter + text', () => {
    const rubric = parseRubric('/j/tone.md', VALID);
    expect(rubric).toMatchObject({
      name: 'tone',
      temperature: 0,
      threshold: 0.75,
      model: undefined,
      text: 'El tono es amable.',
    });
    expect(parseRubric('/j/tone.md', VALID.replace('amable', 'cordial')).hash).not.toBe(rubric.hash);
    expect(parseRubric('/j/tone.md', VALID.replace('0.75', '0.8')).hash).not.toBe(rubric.hash);
    expect(parseRubric('/j/tone.md', VALID.replace(/\n/g, '\r\n')).hash).toBe(rubric.hash);
  });

  it('names the file and the field of a bad front matter', () => {
    expect(() => parseRubric('/j/tone.md', VALID.replace('0.75', '"alto"'))).toThrow(
      /\/j\/tone\.md: front matter field "pass\.threshold"/,
    );
    expect(() => parseRubric('/j/tone.md', VALID.replace('description: Friendly tone.\n', ''))).toThrow(
      /field "description"/,
    );
    expect(() => parseRubric('/j/tone.md', VALID.replace('temperature: 0', 'temperatura: 0'))).toThrow(
      /\/j\/tone\.md: front matter/,
    );
    expect(() => parseRubric('/j/other.md', VALID)).toThrow(
      /field "name" is "tone" but the file is other\.md/,
    );
    expect(() => parseRubric('/j/tone.md', 'El tono es amable.')).toThrow(/starts with YAML front matter/);
  });

  it('fails on an unknown rubric before any model call', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kavak-judges-'));
    writeFileSync(join(dir, 'tone.md'), VALID);
    const rubrics = loadRubrics(dir);
    expect(() => assertRubricsExist(['tone'], rubrics)).not.toThrow();
    expect(() => assertRubricsExist(['tone', 'tono'], rubrics)).toThrow('Unknown judge rubric(s): tono.');
  });
});
