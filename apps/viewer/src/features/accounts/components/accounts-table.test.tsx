import type { AccountView } from '@kindred/contract';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../../test-utils.js';
import { AccountsTable } from './accounts-table.js';

const view = (i: number): AccountView => ({
  id: String(i),
  account: { id: String(i), name: `Account ${i}`, website: `a${i}.com`, industry: 'Software', state: 'CA' },
  groups: { same: `s${i}`, family: `f${i}`, related: `r${i}` },
  groupSizes: { same: 1, family: i % 5 + 1, related: 7 },
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
});

describe('AccountsTable', () => {
  it('renders only the visible rows of 100k accounts, with their group size', () => {
    const rows = Array.from({ length: 200 }, (_, i) => view(i + 1));
    renderWithProviders(<AccountsTable rows={rows} total={100_000} onNeedMore={() => {}} loadingMore={false} />);
    const table = screen.getByRole('table', { name: 'Accounts' });
    expect(table).toHaveAttribute('aria-rowcount', '100001');
    const rendered = screen.getAllByRole('row');
    expect(rendered.length).toBeGreaterThan(10);
    expect(rendered.length).toBeLessThan(60);
    expect(screen.getByRole('link', { name: 'Account 1' })).toHaveAttribute('href', '/accounts/1');
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toContain('Family group');
    // Account 3's family group holds 4 accounts.
    const row3 = screen.getByRole('link', { name: 'Account 3' }).closest('[role=row]')!;
    expect(row3.lastElementChild).toHaveTextContent('4');
  });

  it('moves between rows with the arrow keys', async () => {
    const rows = Array.from({ length: 200 }, (_, i) => view(i + 1));
    renderWithProviders(<AccountsTable rows={rows} total={200} onNeedMore={() => {}} loadingMore={false} />);
    const body = screen.getByRole('rowgroup', { name: /Account rows/ });
    body.focus();
    await userEvent.keyboard('{ArrowDown}');
    expect(screen.getByRole('link', { name: 'Account 1' })).toHaveFocus();
    await userEvent.keyboard('{ArrowDown}{ArrowDown}');
    expect(screen.getByRole('link', { name: 'Account 3' })).toHaveFocus();
    await userEvent.keyboard('{ArrowUp}');
    expect(screen.getByRole('link', { name: 'Account 2' })).toHaveFocus();
  });

  it('asks for more rows when the loaded ones are all on screen', () => {
    const onNeedMore = vi.fn();
    renderWithProviders(<AccountsTable rows={[view(1), view(2)]} total={500} onNeedMore={onNeedMore} loadingMore={false} />);
    expect(onNeedMore).toHaveBeenCalled();
  });
});
