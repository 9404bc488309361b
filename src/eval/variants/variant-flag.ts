import { z } from 'zod';

/** A variant's name is a folder under the run's reports (variants/<name>/) and a table column. */
const VARIANT_NAME = /^[A-Za-z0-9][\w.-]{0,31}$/;

/**
 * `--variant <name>=<config-file>`, repeatable, as commander collects it: validated into
 * `{ name, file }` pairs, names unique, in the order given (the first is the one compared with
 * and gated).
 */
export const VariantFlagsSchema = z
  .array(z.string())
  .transform((pairs, ctx) => {
    const variants: { name: string; file: string }[] = [];
    for (const pair of pairs) {
      const at = pair.indexOf('=');
      const name = at > 0 ? pair.slice(0, at).trim() : '';
      const file = at > 0 ? pair.slice(at + 1).trim() : '';
      if (!VARIANT_NAME.test(name) || !file) {
        ctx.addIssue({
          code: 'custom',
          message: `"${pair}" is not <name>=<config-file> with a name of letters, digits, ".", "_" or "-" (up to 32)`,
        });
      } else if (variants.some((v) => v.name === name)) {
        ctx.addIssue({ code: 'custom', message: `the name "${name}" is given twice` });
      } else variants.push({ name, file });
    }
    return variants;
  })
  .optional();
export type VariantFlag = NonNullable<z.infer<typeof VariantFlagsSchema>>[number];
