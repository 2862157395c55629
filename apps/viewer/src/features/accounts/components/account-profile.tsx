import type { AccountView } from '@kindred/contract';
import { Metric } from '../../../shared/components/metric.js';
import { formatCount, formatDateTime } from '../../../shared/format/format.js';
import { TIER_LABELS } from '../../../shared/format/labels.js';

const KNOWN: { key: string; label: string }[] = [
  { key: 'id', label: 'Profile ID' },
  { key: 'name', label: 'Name' },
  { key: 'source', label: 'Source' },
  { key: 'website', label: 'Website' },
  { key: 'domain', label: 'Domain' },
  { key: 'email', label: 'E-mail' },
  { key: 'phone', label: 'Phone' },
  { key: 'address', label: 'Address' },
  { key: 'state', label: 'State' },
  { key: 'country', label: 'Country' },
  { key: 'industry', label: 'Industry' },
  { key: 'parentId', label: 'Parent account' },
];

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Every field of an account: the known ones first, then any further attributes, then its groups. */
export function AccountProfile({ view }: { view: AccountView }) {
  const record = view.account as Record<string, unknown>;
  const known = new Set(KNOWN.map((k) => k.key));
  const extra = Object.entries(record).filter(([k]) => !known.has(k));
  return (
    <div className="two-columns">
      <section className="card" aria-label="Fields">
        <h2>Fields</h2>
        <dl className="profile">
          {KNOWN.map((f) => (
            <div key={f.key} className="profile-row">
              <dt>{f.label}</dt>
              <dd>{show(record[f.key])}</dd>
            </div>
          ))}
          {extra.map(([k, v]) => (
            <div key={k} className="profile-row">
              <dt>{k}</dt>
              <dd>{show(v)}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section className="card" aria-label="Groups">
        <h2>Groups in the current run</h2>
        {view.groups && view.groupSizes ? (
          <dl className="metrics">
            {(['same', 'family', 'related'] as const).map((tier) => (
              <Metric
                key={tier}
                label={`${TIER_LABELS[tier]} group`}
                value={
                  <>
                    {formatCount(view.groupSizes![tier])} accounts <span className="group-id mono">{view.groups![tier]}</span>
                  </>
                }
              />
            ))}
          </dl>
        ) : (
          <p className="muted">Not clustered yet: it joins its groups at the next run.</p>
        )}
        <p className="muted">
          Added {formatDateTime(view.createdAt)}, updated {formatDateTime(view.updatedAt)}.
        </p>
      </section>
    </div>
  );
}
