import { useId } from 'react';
import type { AccountFilters } from '../api/accounts-api.js';

const TEXT_FILTERS: { key: 'industry' | 'state' | 'country'; label: string }[] = [
  { key: 'industry', label: 'Industry' },
  { key: 'state', label: 'State' },
  { key: 'country', label: 'Country' },
];

export function AccountFiltersBar({
  filters,
  onChange,
}: {
  filters: AccountFilters;
  onChange: (next: AccountFilters) => void;
}) {
  const id = useId();
  return (
    <form className="filters" role="search" aria-label="Search accounts" onSubmit={(e) => e.preventDefault()}>
      <div className="field grow">
        <label htmlFor={`${id}-q`}>Search name or domain</label>
        <input
          id={`${id}-q`}
          type="search"
          value={filters.q ?? ''}
          placeholder="e.g. Acme or acme.com"
          onChange={(e) => onChange({ ...filters, q: e.target.value || undefined })}
        />
      </div>
      {TEXT_FILTERS.map((f) => (
        <div className="field" key={f.key}>
          <label htmlFor={`${id}-${f.key}`}>{f.label}</label>
          <input
            id={`${id}-${f.key}`}
            value={filters[f.key] ?? ''}
            onChange={(e) => onChange({ ...filters, [f.key]: e.target.value || undefined })}
          />
        </div>
      ))}
      <div className="field narrow">
        <label htmlFor={`${id}-size`}>Family group size at least</label>
        <input
          id={`${id}-size`}
          type="number"
          min={1}
          inputMode="numeric"
          value={filters.minGroupSize ?? ''}
          onChange={(e) => {
            const n = Number.parseInt(e.target.value, 10);
            onChange({ ...filters, minGroupSize: Number.isFinite(n) && n > 1 ? n : undefined });
          }}
        />
      </div>
    </form>
  );
}
