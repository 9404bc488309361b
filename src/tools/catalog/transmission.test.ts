import { describe, expect, it } from 'vitest';
import { canonicalMake, canonicalModel } from './canonical-names.js';
import { transmissionFromVersion } from './transmission.js';

describe('transmissionFromVersion', () => {
  it.each([
    ['1.8 LE AUTO', 'automatic'],
    ['1.5 XLE AT', 'automatic'],
    ['2.0 SEDAN I TA', 'automatic'],
    ['1.5 PRIME CVT', 'automatic'],
    ['3.0 M2 DCT', 'automatic'],
    ['1.6 ADVANCE LTS XTRONIC', 'automatic'],
    ['1.6 SC STYLE TIPTRONIC', 'automatic'],
    ['1.4 TFSI COOL S TRONIC', 'automatic'],
    ['1.6 5 PTAS. TRENDLINE ASG', 'automatic'],
    ['4.4 750I A EXCELLENCE', 'automatic'],
    ['2.0 LX MT', 'manual'],
    ['1.6 SENSE STD', 'manual'],
    ['1.6 ENTRY MANUAL', 'manual'],
    ['1.5 IMPULSE', null],
    ['1.3 A 200 PROGRESSIVE', null], // "A 200" is the Mercedes class, not a gearbox
    ['2.0 MT AUTO', null], // contradicts itself: unknown
    ['', null],
  ] as const)('%s → %s', (version, expected) => {
    expect(transmissionFromVersion(version)).toBe(expected);
  });
});

describe('canonical names', () => {
  it.each([
    ['KIA', 'Kia'],
    ['Mercedes Benz', 'Mercedes-Benz'],
    ['mercedes-benz', 'Mercedes-Benz'],
    ['VW', 'Volkswagen'],
    ['BMW', 'BMW'],
    ['land rover', 'Land Rover'],
    ['BYD', 'BYD'],
    ['SOME BRAND', 'Some Brand'],
  ])('make %s → %s', (raw, expected) => expect(canonicalMake(raw)).toBe(expected));

  it.each([
    ['FORTE', 'Forte'],
    ['Hs', 'HS'],
    ['cx-5', 'CX-5'],
    ['BR-V', 'BR-V'],
    ['t-cross', 'T-Cross'],
    ['MG5', 'MG5'],
    ['EcoSport', 'EcoSport'],
    ['Mazda 3', 'Mazda 3'],
    ['CLASE  CLA', 'Clase CLA'],
    ['serie 3', 'Serie 3'],
  ])('model %s → %s', (raw, expected) => expect(canonicalModel(raw)).toBe(expected));
});
