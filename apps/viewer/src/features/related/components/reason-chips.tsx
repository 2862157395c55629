import type { Reason } from '@kindred/contract';
import { Chip } from '../../../shared/components/chip.js';
import { formatScore } from '../../../shared/format/format.js';

const FACTOR_LABELS: Record<string, string> = {
  parent: 'Parent',
  domain: 'Domain',
  name: 'Name',
  phone: 'Phone',
  address: 'Address',
  state: 'State',
  industry: 'Industry',
};

/** "Why related": one chip per factor that counted, strongest first; negative evidence is marked. */
export function ReasonChips({ reasons }: { reasons: Reason[] }) {
  if (reasons.length === 0) return <span className="muted">—</span>;
  const sorted = [...reasons].sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
  return (
    <ul className="chips" aria-label="Why related">
      {sorted.map((r, i) => (
        <li key={`${r.factor}-${i}`}>
          <Chip tone={r.contribution < 0 ? 'negative' : r.factor} title={`contribution ${formatScore(r.contribution)}`}>
            <strong>{FACTOR_LABELS[r.factor] ?? r.factor}</strong> {r.detail}
          </Chip>
        </li>
      ))}
    </ul>
  );
}
