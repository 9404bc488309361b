/**
 * Kavak's version text names the drive on some cars: "2.5 LIMITED AWD AT", "2.5 PRO-4X AUTO 4WD",
 * "2.0 I SPORT AT 2WD", "XDRIVE50IA". 'all' = all-wheel or four-wheel drive, 'two' = two-wheel
 * drive, null when the version does not say (never guessed from the model).
 */
export type Drivetrain = 'all' | 'two';

const ALL_WHEEL =
  /(?:^|[\s/,-])(?:AWD|4WD|4X4|PRO-4X|4MOTION|QUATTRO|XDRIVE\w*|ALL4|4MATIC|SH-AWD)(?=$|[\s/,])/;
const TWO_WHEEL = /(?:^|[\s/,-])(?:2WD|4X2|FWD|RWD|SDRIVE\w*)(?=$|[\s/,])/;

export function drivetrainFromVersion(version: string): Drivetrain | null {
  const text = version.toUpperCase();
  const all = ALL_WHEEL.test(text);
  const two = TWO_WHEEL.test(text);
  return all === two ? null : all ? 'all' : 'two';
}
