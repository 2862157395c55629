import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AccountProfile } from './account-profile.js';

describe('AccountProfile', () => {
  it('shows the known fields, every further attribute, and the groups of the current run', () => {
    render(
      <AccountProfile
        view={{
          id: '2',
          account: { id: '2', name: 'Acme', website: 'acm.com', open_opportunity_over_1m: 'true' },
          groups: { same: 's-1', family: 'f-1', related: 'r-1' },
          groupSizes: { same: 3, family: 4, related: 5 },
          createdAt: '2026-12-04T10:00:00Z',
          updatedAt: '2026-12-04T10:00:00Z',
        }}
      />,
    );
    const fields = screen.getByRole('region', { name: 'Fields' });
    expect(within(fields).getByText('Website').nextSibling).toHaveTextContent('acm.com');
    expect(within(fields).getByText('Phone').nextSibling).toHaveTextContent('—');
    expect(within(fields).getByText('open_opportunity_over_1m').nextSibling).toHaveTextContent('true');
    const groups = screen.getByRole('region', { name: 'Groups' });
    expect(within(groups).getByText('Related group').nextSibling).toHaveTextContent('5 accounts r-1');
  });

  it('says when the account has not been clustered yet', () => {
    render(
      <AccountProfile
        view={{ id: '9', account: { id: '9', name: 'New Co' }, groups: null, groupSizes: null, createdAt: '', updatedAt: '' }}
      />,
    );
    expect(screen.getByText(/Not clustered yet/)).toBeInTheDocument();
  });
});
