import { Link } from 'react-router';
import { Chip } from '../../../shared/components/chip.js';
import { formatScore } from '../../../shared/format/format.js';
import type { RelatedRow } from '@kindred/contract';
import { OverrideButtons } from './override-buttons.js';
import { ReasonChips } from './reason-chips.js';
import { RELATION_LABELS, TIER_LABELS } from '../../../shared/format/labels.js';

const HEADERS = [
  'Profile ID',
  'Name',
  'Source',
  'Website',
  'Address',
  'Parent account',
  'Phone',
  'Industry',
  'Tier',
  'Relation',
  'Score',
  'Why related',
  'Verdict',
];

function address(r: RelatedRow): string {
  return [r.address, r.state, r.country].filter(Boolean).join(', ');
}

/** Every related account with its fields, tier, relation, score and reasons. */
export function RelatedTable({ accountId, rows }: { accountId: string; rows: RelatedRow[] }) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Related accounts table">
      <table className="data-table related-table">
        <thead>
          <tr>
            {HEADERS.map((h) => (
              <th key={h} scope="col" className={h === 'Score' ? 'num' : undefined}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const name = r.deleted ? `${r.name ?? r.id} (deleted)` : (r.name ?? '(no name)');
            return (
              <tr key={r.id} data-account-id={r.id}>
                <td className="mono">
                  <Link to={`/accounts/${encodeURIComponent(r.id)}/related`}>{r.id}</Link>
                </td>
                <td>{name}</td>
                <td>{r.source ?? ''}</td>
                <td className="truncate">{r.website ?? r.domain ?? ''}</td>
                <td>{address(r)}</td>
                <td className="mono">
                  {r.parentId ? <Link to={`/accounts/${encodeURIComponent(r.parentId)}`}>{r.parentId}</Link> : ''}
                </td>
                <td>{r.phone ?? ''}</td>
                <td>{r.industry ?? ''}</td>
                <td>
                  <Chip tone={`tier-${r.tier}`}>{TIER_LABELS[r.tier]}</Chip>
                </td>
                <td>{RELATION_LABELS[r.relation] ?? r.relation}</td>
                <td className="num">{formatScore(r.score)}</td>
                <td>
                  <ReasonChips reasons={r.reasons} />
                </td>
                <td>
                  <OverrideButtons accountId={accountId} relatedId={r.id} relatedName={name} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
