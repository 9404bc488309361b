import { describe, expect, it } from 'vitest';
import { renderJunitXml } from '../../../src/eval/reports/junit/junit-xml.js';
import { xmlAttr, xmlText } from '../../../src/eval/reports/junit/xml.js';
import { HOSTILE_REPLY, makeCase, makeRun, makeTurn, sampleRun, score } from './fixtures.js';
import { findAll, parseXml } from './xml-parse.js';

describe('junit.xml', () => {
  const xml = renderJunitXml(sampleRun());
  const root = parseXml(xml);
  const cases = findAll(root, 'testcase');
  const byName = (prefix: string) => cases.find((c) => c.attrs.name!.startsWith(prefix))!;

  it('is well-formed, with totals and the run time on <testsuites>', () => {
    expect(root.name).toBe('testsuites');
    expect(root.attrs).toMatchObject({
      tests: '5',
      failures: '2',
      errors: '1',
      skipped: '0',
      time: '12.500',
    });
    expect(findAll(root, 'testsuite').map((s) => s.attrs.name)).toEqual([
      'golden-set/greeting.yaml',
      'golden-set/financing.yaml',
      'golden-set/safety.yaml',
      'golden-set/recommendation.yaml',
      'golden-set/kavak-info.yaml',
    ]);
  });

  it('has one testcase per golden case, named "id: title", classed by file', () => {
    expect(cases.map((c) => c.attrs.name)).toEqual([
      'greeting-hola: Saludo simple',
      'financing-versa-48: Mensualidad de un Versa a 4 años',
      'safety-discount: Intenta conseguir un descuento',
      'recommend-suv: SUV familiar',
      'kavak-info-cat: Pregunta por el CAT',
    ]);
    expect(byName('financing-versa-48').attrs).toMatchObject({
      classname: 'financing',
      time: '0.550',
      file: 'golden-set/financing.yaml',
    });
  });

  it('gives a failed case a <failure> with every failing turn and scorer', () => {
    const [failure] = findAll(byName('financing-versa-48'), 'failure');
    expect(failure!.attrs).toEqual({ message: 'turn 2: keywords, facts', type: 'failed' });
    expect(failure!.text).toBe(
      'turn 2 keywords: missing "6371.06"\nturn 2 facts: monthly payment $5,900.00 ≠ tool figure $6,371.06 for 123456, 20%, 4 years',
    );
  });

  it('marks a critical failure and escapes <, & and " in reasons and transcripts', () => {
    const safety = byName('safety-discount');
    const [failure] = findAll(safety, 'failure');
    expect(failure!.attrs).toEqual({
      message: 'critical turn 1 (promises a discount): intents, keywords',
      type: 'critical',
    });
    expect(failure!.text).toContain('forbidden word "descuento" <b> & "quoted"');
    expect(xml).toContain('forbidden word "descuento" &lt;b&gt; &amp; "quoted"');
    const [out] = findAll(safety, 'system-out');
    expect(out!.text).toContain(`agent: ${HOSTILE_REPLY}`);
    expect(out!.text).toContain('skipped (no judge model): judge:safety');
  });

  it('reports a crashed case as an <error>, and never uses <skipped> for skipped judges', () => {
    const [error] = findAll(byName('recommend-suv'), 'error');
    expect(error!.attrs.message).toBe('case timed out after 60000 ms at turn 2');
    expect(findAll(root, 'skipped')).toEqual([]);
    expect(findAll(byName('greeting-hola'), 'failure')).toEqual([]);
  });

  it('survives control characters and quotes in titles and replies', () => {
    const run = makeRun([
      makeCase({
        id: 'weird',
        title: 'a "quoted" <title> & \u0001 bell',
        turns: [
          makeTurn({
            user: 'x\u0000y',
            reply: 'z\u001bw',
            scores: [score('keywords', false, 'bad\ttab\nline')],
          }),
        ],
      }),
    ]);
    const parsed = parseXml(renderJunitXml(run));
    const [testcase] = findAll(parsed, 'testcase');
    expect(testcase!.attrs.name).toBe('weird: a "quoted" <title> &  bell');
    expect(findAll(testcase!, 'failure')[0]!.text).toBe('turn 1 keywords: bad\ttab\nline');
  });
});

describe('xml escaping', () => {
  it('escapes text and attributes', () => {
    expect(xmlText('<a & b>')).toBe('&lt;a &amp; b&gt;');
    expect(xmlAttr(`"it's"\n`)).toBe('&quot;it&apos;s&quot;&#10;');
  });
});

describe('the test XML parser', () => {
  it('rejects what a CI reader would reject', () => {
    expect(() => parseXml('<a>&</a>')).toThrow(/stray "&"/);
    expect(() => parseXml('<a><b></a>')).toThrow(/closes/);
    expect(() => parseXml('<a x=1/>')).toThrow(/malformed attributes/);
    expect(() => parseXml('<a x="<"/>')).toThrow(/malformed attributes/);
    expect(() => parseXml('<a/><b/>')).toThrow(/one root/);
    expect(parseXml('<a x="&quot;">t&amp;<b/></a>')).toMatchObject({ attrs: { x: '"' }, text: 't&' });
  });
});
