import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { WhatIfSummary } from '../worker/types.js';
import { WhatIfResults } from './what-if-results.js';

const fig = (groups: number, multi: number, largest: number) => ({ groups, multiAccountGroups: multi, largestGroupSize: largest });

describe('WhatIfResults', () => {
  it('shows merges, splits, moves, reach before and after, and the measured time', () => {
    const summary: WhatIfSummary = {
      accounts: 100_000,
      before: { same: fig(90_000, 5000, 4), family: fig(80_000, 9000, 30), related: fig(70_000, 9000, 30) },
      after: { same: fig(90_000, 5000, 4), family: fig(79_000, 8800, 30), related: fig(70_000, 9000, 30) },
      tier: 'family',
      merged: 950,
      split: 12,
      accountsMoved: 1200,
      examples: [
        { kind: 'merged', parts: 2, members: [['Acme'], ['Acme Consulting Service']] },
        { kind: 'split', parts: 6, members: [['Beta'], ['Beta Labs'], ['Beta Inc'], ['Beta AG']] },
      ],
      reach: { before: { direct: 1, related: 4, total: 5 }, after: { direct: 1, related: 2, total: 3 } },
      computeMs: 180.2,
      stageMs: { score: 20, link: 60, groups: 90, compare: 10.2 },
    };
    render(<WhatIfResults summary={summary} elapsedMs={212.6} computing={false} />);
    const changes = screen.getByTestId('what-if-changes');
    expect(within(changes).getByText('Groups merged').nextSibling).toHaveTextContent('950');
    expect(within(changes).getByText('Groups split').nextSibling).toHaveTextContent('12');
    expect(within(changes).getByText('Accounts moved').nextSibling).toHaveTextContent(new Intl.NumberFormat().format(1200));
    expect(within(changes).getByText('Segment reach (total)').nextSibling).toHaveTextContent('5 → 3 (−2)');
    expect(screen.getByTestId('what-if-elapsed')).toHaveAttribute('data-elapsed-ms', '213');
    expect(screen.getByText(/^Worker time:/)).toHaveTextContent(/score 20\s?ms, link 60\s?ms, groups 90\s?ms, compare 10\s?ms/);
    expect(screen.getByText(/Merged:/).parentElement).toHaveTextContent('Merged: [Acme] + [Acme Consulting Service]');
    expect(screen.getByText(/Split into:/).parentElement).toHaveTextContent('Split into: [Beta] | [Beta Labs] | [Beta Inc] | [Beta AG] and 2 more groups');
  });
});
