import type { RelatedRow } from '@kindred/contract';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../../test-utils.js';
import { RelatedTable } from './related-table.js';

const row = (over: Partial<RelatedRow>): RelatedRow => ({
  id: '2',
  name: 'Acme',
  website: 'acm.com',
  domain: null,
  parentId: null,
  phone: '4085366000',
  address: null,
  state: 'CA',
  country: null,
  industry: 'Software',
  source: 'crm',
  tier: 'same',
  relation: 'duplicate',
  score: 0.93,
  reasons: [
    { factor: 'phone', detail: 'same phone +14085366000', contribution: 0.2 },
    { factor: 'name', detail: 'same name "acme"', contribution: 0.5 },
  ],
  deleted: false,
  ...over,
});

describe('RelatedTable', () => {
  it('lists every related account with its fields, tier, relation, score and reasons', () => {
    const rows = [
      row({}),
      row({ id: '4', name: 'Acme Consulting Service', tier: 'family', relation: 'shared-domain', score: 0.61, state: 'NY' }),
      row({ id: '5', name: 'Acme IT', tier: 'related', relation: 'similar-name', score: 0.3, reasons: [] }),
    ];
    renderWithProviders(<RelatedTable accountId="1" rows={rows} />);
    const table = screen.getByRole('table');
    const headers = within(table).getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers).toEqual([
      'Profile ID', 'Name', 'Source', 'Website', 'Address', 'Parent account', 'Phone', 'Industry', 'Tier', 'Relation', 'Score', 'Why related', 'Verdict',
    ]);
    const bodyRows = within(table).getAllByRole('row').slice(1);
    expect(bodyRows).toHaveLength(3);
    const first = within(bodyRows[0]!);
    expect(first.getByRole('link', { name: '2' })).toHaveAttribute('href', '/accounts/2/related');
    expect(first.getByText('Same business')).toBeInTheDocument();
    expect(first.getByText('Duplicate')).toBeInTheDocument();
    // Strongest reason first.
    const chips = within(first.getByRole('list', { name: 'Why related' })).getAllByRole('listitem');
    expect(chips.map((c) => c.textContent)).toEqual(['Name same name "acme"', 'Phone same phone +14085366000']);
    expect(within(bodyRows[1]!).getByText('Shared domain')).toBeInTheDocument();
    expect(within(bodyRows[2]!).getByText('Similar name')).toBeInTheDocument();
    expect(within(bodyRows[0]!).getByRole('button', { name: 'Mark Acme as not related' })).toBeEnabled();
    expect(within(bodyRows[0]!).getByRole('button', { name: 'Mark Acme as the same company' })).toBeEnabled();
  });

  it('marks related accounts deleted since the run', () => {
    renderWithProviders(<RelatedTable accountId="1" rows={[row({ id: '9', name: 'Gone Inc', deleted: true })]} />);
    expect(screen.getByText('Gone Inc (deleted)')).toBeInTheDocument();
  });
});
