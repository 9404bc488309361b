import { describe, expect, it } from 'vitest';
import { drivetrainFromVersion } from './drivetrain.js';

describe('drivetrainFromVersion', () => {
  it.each([
    ['2.5 LIMITED AWD AT', 'all'],
    ['2.5 PRO-4X AUTO 4WD', 'all'],
    ['4.4 XDRIVE50IA EXCELLENCE AT 4WD', 'all'],
    ['2.0 I SPORT AT 2WD', 'two'],
    ['1.5 SDRIVE18IA EXECUTIVE DCT', 'two'],
    ['1.6 ADVANCE CVT', null],
    ['1.8 LE AUTO', null],
  ] as const)('%s → %s', (version, drive) => {
    expect(drivetrainFromVersion(version)).toBe(drive);
  });
});
