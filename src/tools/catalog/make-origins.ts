import { z } from 'zod';

/** Where a make comes from, as customers sort them: "algo japonés", "un coreano", "nada chino". */
export const MakeOriginSchema = z.enum([
  'japanese',
  'korean',
  'german',
  'american',
  'chinese',
  'french',
  'european',
]);
export type MakeOrigin = z.infer<typeof MakeOriginSchema>;

const ORIGINS: Record<Exclude<MakeOrigin, 'european'>, readonly string[]> = {
  japanese: [
    'toyota',
    'nissan',
    'honda',
    'mazda',
    'mitsubishi',
    'suzuki',
    'subaru',
    'infiniti',
    'lexus',
    'acura',
  ],
  korean: ['kia', 'hyundai'],
  german: ['volkswagen', 'bmw', 'audi', 'mercedes benz', 'mercedes-benz', 'porsche', 'mini', 'smart'],
  american: [
    'chevrolet',
    'ford',
    'dodge',
    'jeep',
    'ram',
    'chrysler',
    'gmc',
    'buick',
    'cadillac',
    'lincoln',
    'tesla',
  ],
  chinese: [
    'mg',
    'jac',
    'chirey',
    'changan',
    'baic',
    'byd',
    'geely',
    'jetour',
    'great wall',
    'haval',
    'omoda',
  ],
  french: ['renault', 'peugeot', 'citroen'],
};
/** Besides the German and French makes. */
const OTHER_EUROPEAN = ['fiat', 'seat', 'volvo', 'land rover', 'alfa romeo', 'jaguar', 'cupra', 'skoda'];

/** Whether a make (canonical catalog spelling, any case) is of that origin. */
export function makeIsOf(make: string, origin: MakeOrigin): boolean {
  const key = make.toLowerCase();
  if (origin === 'european') return [...ORIGINS.german, ...ORIGINS.french, ...OTHER_EUROPEAN].includes(key);
  return ORIGINS[origin].includes(key);
}
