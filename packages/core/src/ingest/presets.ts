import type { AccountField } from '@kindred/contract';

/** Where an account field comes from: one source column, or several joined with ", ". */
export type ColumnSource = string | readonly string[];

/** Account field → source column(s). */
export type ColumnMap = Partial<Record<AccountField, ColumnSource>>;

/** Column maps of real CRM exports. A preset column missing from a file is simply not used. */
export const PRESETS = {
  /** Salesforce Account export (Data Loader / report). */
  salesforce: {
    id: 'Id',
    name: 'Name',
    website: 'Website',
    parentId: 'ParentId',
    phone: 'Phone',
    address: ['BillingStreet', 'BillingCity', 'BillingPostalCode'],
    state: 'BillingState',
    country: 'BillingCountry',
    industry: 'Industry',
  },
  /** HubSpot companies export. */
  hubspot: {
    id: 'Record ID',
    name: 'Company name',
    domain: 'Company Domain Name',
    website: 'Website URL',
    parentId: 'Parent Company',
    phone: 'Phone Number',
    address: ['Street Address', 'City', 'Postal Code'],
    state: 'State/Region',
    country: 'Country/Region',
    industry: 'Industry',
  },
} as const satisfies Record<string, ColumnMap>;

export type PresetName = keyof typeof PRESETS;
export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];

export function isPresetName(name: string): name is PresetName {
  return Object.prototype.hasOwnProperty.call(PRESETS, name);
}
