import { z } from 'zod';

const accountId = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .pipe(z.string().min(1, 'account id is required'));

/** A person's correction of the clustering: two accounts must (or must not) share a group.
 * `must-link` puts them in one `same` group; `cannot-link` keeps them apart in every tier. */
export const OverrideSchema = z
  .object({
    a: accountId,
    b: accountId,
    kind: z.enum(['must-link', 'cannot-link']),
  })
  .refine((o) => o.a !== o.b, { message: 'an override needs two different accounts', path: ['b'] });

export type OverrideInput = z.input<typeof OverrideSchema>;
export type Override = z.output<typeof OverrideSchema>;
