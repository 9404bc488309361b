import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CATALOG_PATH, loadCatalog } from '../../tools/catalog/index.js';
import { loadKnowledgeBase } from '../../tools/knowledge/index.js';
import type { VerifyTools } from './verify-context.js';
import { verifyGoldenSet } from './verify-golden-set.js';
import { GoldenCaseSchema, type LoadedCase } from './schema.js';

let tools: VerifyTools;
beforeAll(async () => {
  const knowledgeDir = fileURLToPath(new URL('../../../data/knowledge', import.meta.url));
  tools = {
    catalog: await loadCatalog(DEFAULT_CATALOG_PATH),
    knowledge: await loadKnowledgeBase(knowledgeDir),
  };
});

function goldenCase(turns: unknown[], extra: Record<string, unknown> = {}): LoadedCase {
  return { ...GoldenCaseSchema.parse({ id: 'c', title: 'c', turns, ...extra }), file: 'test.yaml' };
}

const problems = (c: LoadedCase): string[] =>
  verifyGoldenSet([c], tools).map((i) => `${i.path}: ${i.message}`);

describe('verifyGoldenSet', () => {
  it('accepts figures the tools give: price, payment, mileage, years, knowledge phrases, branches', () => {
    const ok = goldenCase([
      {
        user: 'Busco un Versa 2020',
        expect: { keywords: { all: ['Versa 2020', '$265,999.00', '45,837 km', '2020'] } },
      },
      {
        user: '¿Con 20% a 4 años?',
        expect: {
          keywords: { all: ['$5,397.14', '48 meses', '10%'] },
          facts: { monthlyPayment: { stockId: '322722', downPaymentPercent: 20, termYears: 4 } },
        },
      },
      {
        user: '¿Garantía? Estoy en Monterrey',
        expect: { keywords: { all: ['3 meses', '7 días', 'Punto Valle', 'CX-5', 'Mazda 3'] } },
      },
    ]);
    expect(problems(ok)).toEqual([]);
  });

  it('checks dimensions, seats and body types against the car talked about', () => {
    const wrong = goldenCase([
      { user: 'me interesa la touareg', expect: { keywords: { all: ['Touareg'] } } },
      { user: 'cabe en 4.5 m?', expect: { keywords: { all: ['4,800 mm', '1,940 mm'] } } },
      { user: 'de cuantos pasajeros?', expect: { keywords: { all: ['7 pasajeros'] } } },
      {
        user: 'tienes troca?',
        expect: { facts: { constraints: { bodyTypes: ['pickup'], priceMax: 300000 } } },
      },
    ]);
    expect(problems(wrong)).toEqual([
      'turns[1].expect.keywords.all[0]: 4,800 mm is not a dimension of the car talked about',
      'turns[2].expect.keywords.all[0]: 7 pasajeros is not the seating of the car talked about',
      'turns[3].expect.facts.constraints: no catalog car meets these constraints',
    ]);
  });

  it('needs the payment of every compared car, each on its own plan', () => {
    const comparison = goldenCase([
      {
        user: 'versa o aveo?',
        expect: {
          keywords: { all: ['$6,071.78', '$265,999.00', '$151,999.00'] },
          facts: {
            monthlyPayments: [
              { stockId: '322722', downPaymentPercent: 10, termYears: 4 },
              { stockId: '282292', downPaymentPercent: 10, termYears: 4 },
            ],
          },
        },
      },
    ]);
    expect(problems(comparison)).toEqual([
      'turns[0].expect.keywords: the financing tool gives $3,469.58 a month: list it in keywords.all or .any',
    ]);
  });

  it('catches a monthly payment off by a cent and one missing from the keywords', () => {
    const offByACent = goldenCase([
      {
        user: 'Corolla 2020, 20% a 4 años',
        expect: {
          keywords: { all: ['$6,371.07'] },
          facts: { monthlyPayment: { stockId: '305016', downPaymentPercent: 20, termYears: 4 } },
        },
      },
    ]);
    expect(problems(offByACent)).toEqual([
      "turns[0].expect.keywords.all[0]: $6,371.07 is not a figure of this turn's financing plan (monthlyPayment)",
      'turns[0].expect.keywords: the financing tool gives $6,371.06 a month: list it in keywords.all or .any',
    ]);
  });

  it('catches a plan the financing tool refuses and an unknown stock id', () => {
    const refused = goldenCase([
      {
        user: 'x',
        expect: { facts: { monthlyPayment: { stockId: '305016', downPaymentPercent: 5, termYears: 4 } } },
      },
      {
        user: 'y',
        expect: { facts: { monthlyPayment: { stockId: '305016', downPaymentPercent: 20, termYears: 8 } } },
      },
      {
        user: 'z',
        expect: { facts: { monthlyPayment: { stockId: '999999', downPaymentAmount: 1000, termYears: 4 } } },
      },
    ]);
    const found = problems(refused);
    expect(found[0]).toMatch(
      /^turns\[0\]\.expect\.facts\.monthlyPayment: the financing tool refuses this plan: El enganche mínimo/,
    );
    expect(found[1]).toMatch(/^turns\[1\]\.expect\.facts\.monthlyPayment: .*plazo/);
    expect(found[2]).toBe('turns[2].expect.facts.monthlyPayment.stockId: no catalog car has stock id 999999');
  });

  it('catches a price that is not in the catalog, or belongs to another car', () => {
    const wrong = goldenCase([
      { user: '¿Cuánto el Corolla 2020?', expect: { keywords: { all: ['Corolla', '$313,000.00'] } } },
      { user: '¿Cuánto el Corolla 2020?', expect: { keywords: { all: ['$265,999.00'] } } },
    ]);
    expect(problems(wrong)).toEqual([
      'turns[0].expect.keywords.all[1]: $313,000.00 is not a price or payment the tools give for this case',
      'turns[1].expect.keywords.all[0]: $265,999.00 is the price of Sportage 2018, Versa 2020, not of the car talked about',
    ]);
  });

  it('catches a car year the catalog lacks, a mileage, a term and a phrase the facts do not give', () => {
    const invented = goldenCase([
      {
        user: '¿Corolla 2021?',
        expect: { keywords: { all: ['Corolla 2021', '12,345 km', '96 meses', '15 días', '25%'] } },
      },
    ]);
    expect(problems(invented)).toEqual([
      'turns[0].expect.keywords.all[0]: the catalog has no Corolla 2021 (only 2020)',
      'turns[0].expect.keywords.all[1]: 12,345 km is not the mileage of a catalog car',
      'turns[0].expect.keywords.all[2]: "96 meses" is not a figure the catalog, the financing tool or the knowledge base gives',
      'turns[0].expect.keywords.all[3]: "15 días" is not a figure the catalog, the financing tool or the knowledge base gives',
      'turns[0].expect.keywords.all[4]: 25% is neither in the knowledge base nor said by the customer',
    ]);
  });

  it('catches a branch of another city and wrong branch tags', () => {
    const mixed = goldenCase(
      [{ user: 'Estoy en Guadalajara', expect: { keywords: { all: ['Midtown', 'Antara'] } } }],
      {
        tags: ['no-branch'],
      },
    );
    expect(problems(mixed)).toEqual([
      'turns[0].expect.keywords.all[1]: Antara is not a branch in the city the customer named',
      'tags: tagged no-branch, but a city it names has a branch',
    ]);
  });

  it('catches constraints no car meets, a model named that does not meet them, and contradictions', () => {
    const impossible = goldenCase([
      { user: 'a', expect: { facts: { constraints: { model: 'Corolla', yearMin: 2021 } } } },
      {
        user: 'b',
        expect: { keywords: { any: ['Jetta'] }, facts: { constraints: { transmission: 'automatic' } } },
      },
      { user: 'c', expect: { keywords: { all: ['asesor'], none: ['Asesor'] } } },
    ]);
    expect(problems(impossible)).toEqual([
      'turns[0].expect.facts.constraints: no catalog car meets these constraints',
      "turns[1].expect.keywords: no Jetta in the catalog meets this turn's constraints",
      'turns[2].expect.keywords.none: "Asesor" is both required and forbidden',
    ]);
  });

  it('checks the stock ids of a starting profile', () => {
    expect(
      problems(goldenCase([{ user: 'el segundo' }], { profile: { lastRecommended: ['305016', '1'] } })),
    ).toEqual(['profile: no catalog car has stock id 1']);
  });

  it("recomputes what a monthly payment affords and each fitting car's payment; catches a wrong cap", () => {
    const right = goldenCase([
      {
        user: 'pago 4 mil al mes, 40 mil de enganche a 6 años, q me alcanza',
        expect: {
          keywords: { all: ['$255,914.93', '$254,999.00', '$3,983.04'] },
          facts: { affordable: { monthlyPayment: 4000, downPaymentAmount: 40000, termYears: 6 } },
        },
      },
    ]);
    expect(problems(right)).toEqual([]);
    const wrong = goldenCase([
      {
        user: 'pago 4 mil al mes, 40 mil de enganche a 6 años, q me alcanza',
        expect: {
          keywords: { all: ['$255,000.00'] },
          facts: { affordable: { monthlyPayment: 4000, downPaymentAmount: 40000, termYears: 6 } },
        },
      },
    ]);
    expect(problems(wrong)).toContain(
      'turns[0].expect.keywords: the financing tool affords up to $255,914.93: list it in keywords.all or .any',
    );
  });

  it('checks that the car a superlative names is the best by that order', () => {
    const wrong = goldenCase([
      {
        user: 'el mas barato q tengan',
        expect: { keywords: { all: ['$142,999.00'] }, facts: { best: { sortBy: 'price_asc' } } },
      },
    ]);
    expect(problems(wrong)).toEqual([
      'turns[0].expect.keywords: the best by price_asc is Chevrolet Aveo 2017 (ID 291054, $138,999.00): list its stock id or price',
    ]);
    const among = goldenCase([
      {
        user: 'de esos el de menos km',
        expect: {
          keywords: { all: ['301051'] },
          facts: { best: { sortBy: 'km_asc', among: ['291054', '301051'] } },
        },
      },
    ]);
    expect(problems(among)).toEqual([]);
  });
});
