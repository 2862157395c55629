import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { FilterBuilder } from './filter-builder.js';
import { emptyBuilder, fromDefinition, IncompleteFilterError, toDefinition, type BuilderState } from './filter-model.js';

function Harness({ onState }: { onState: (s: BuilderState) => void }) {
  const [state, setState] = useState(emptyBuilder);
  onState(state);
  return <FilterBuilder root={state.root} onChange={(root) => setState((s) => ({ ...s, root }))} />;
}

describe('FilterBuilder', () => {
  it('builds the Acme segment: industry = Software and open_opportunity_over_1m = true', async () => {
    let state = emptyBuilder();
    render(<Harness onState={(s) => (state = s)} />);
    const first = screen.getByRole('group', { name: 'Condition 1' });
    await userEvent.type(within(first).getByLabelText('Value'), 'Software');
    await userEvent.click(screen.getByRole('button', { name: 'Add condition' }));
    const second = screen.getByRole('group', { name: 'Condition 2' });
    const field = within(second).getByLabelText('Field');
    await userEvent.clear(field);
    await userEvent.type(field, 'open_opportunity_over_1m');
    await userEvent.type(within(second).getByLabelText('Value'), 'true');
    expect(toDefinition(state)).toEqual({
      filter: {
        and: [
          { field: 'industry', op: 'eq', value: 'Software' },
          { field: 'open_opportunity_over_1m', op: 'eq', value: 'true' },
        ],
      },
    });
  });

  it('switches a group to "or", nests groups and removes conditions', async () => {
    let state = emptyBuilder();
    render(<Harness onState={(s) => (state = s)} />);
    await userEvent.selectOptions(screen.getByLabelText('Match', { selector: 'select' }), 'or');
    await userEvent.type(screen.getByLabelText('Value'), 'CA');
    await userEvent.click(screen.getByRole('button', { name: 'Add group' }));
    const nested = screen.getByRole('group', { name: 'Condition 2.1' });
    await userEvent.selectOptions(within(nested).getByLabelText('Operator'), 'in');
    await userEvent.type(within(nested).getByLabelText('Value'), 'Software, Retail');
    expect(toDefinition(state).filter).toEqual({
      or: [{ field: 'industry', op: 'eq', value: 'CA' }, { field: 'industry', op: 'in', value: ['Software', 'Retail'] }],
    });
    await userEvent.click(screen.getByRole('button', { name: 'Remove condition 1' }));
    expect(toDefinition(state).filter).toEqual({ field: 'industry', op: 'in', value: ['Software', 'Retail'] });
  });
});

describe('filter model', () => {
  it('names the unfinished condition', () => {
    expect(() => toDefinition(emptyBuilder())).toThrow(IncompleteFilterError);
    expect(() => toDefinition(emptyBuilder())).toThrow('Condition 1 (industry): enter a value.');
  });

  it('reopens a saved definition as it was saved', () => {
    const def = {
      filter: { and: [{ field: 'industry', op: 'eq' as const, value: 'Software' }, { not: { field: 'state', op: 'in' as const, value: ['NY', 'NJ'] } }] },
      includeRelated: { tiers: ['same' as const, 'family' as const], relations: ['duplicate' as const] },
    };
    const state = fromDefinition(def);
    expect(state.includeRelated).toBe(true);
    expect(toDefinition(state)).toEqual({
      filter: { and: [{ field: 'industry', op: 'eq', value: 'Software' }, { not: { field: 'state', op: 'in', value: ['NY', 'NJ'] } }] },
      includeRelated: { tiers: ['same', 'family'], relations: ['duplicate'] },
    });
  });

  it('adds includeRelated only when switched on, and needs a tier', () => {
    const state: BuilderState = { ...fromDefinition({ filter: { field: 'industry', op: 'eq', value: 'Software' } }), includeRelated: true };
    expect(toDefinition(state).includeRelated).toEqual({ tiers: ['same', 'family', 'related'] });
    expect(() => toDefinition({ ...state, tiers: [] })).toThrow('choose at least one tier');
  });
});
