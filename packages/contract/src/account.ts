import { z } from 'zod';

/** Optional text field: trims, and treats empty strings as absent. */
const text = z
  .union([z.string(), z.number()])
  .nullable()
  .transform((v) => (v === null ? undefined : String(v).trim() || undefined))
  .optional();

/** One account record as it arrives from a CRM, marketing automation or billing system.
 * Known fields are typed; any further attributes are kept as they are. */
export const AccountSchema = z
  .object({
    id: z
      .union([z.string(), z.number()])
      .transform((v) => String(v).trim())
      .pipe(z.string().min(1, 'id is required')),
    name: text,
    website: text,
    domain: text,
    email: text,
    parentId: text,
    phone: text,
    address: text,
    state: text,
    country: text,
    industry: text,
    source: text,
  })
  .catchall(z.unknown());

export type AccountInput = z.input<typeof AccountSchema>;
export type Account = z.output<typeof AccountSchema>;

export const ACCOUNT_FIELDS = [
  'id',
  'name',
  'website',
  'domain',
  'email',
  'parentId',
  'phone',
  'address',
  'state',
  'country',
  'industry',
  'source',
] as const;
export type AccountField = (typeof ACCOUNT_FIELDS)[number];
