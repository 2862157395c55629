import { Link } from 'react-router';
import { Chip } from '../../../shared/components/chip.js';
import { EmptyState } from '../../../shared/components/states.js';
import { formatCount } from '../../../shared/format/format.js';
import type { PreviewMember } from '../api/segments-api.js';

/** The members of a segment, each with why it is in. */
export function SegmentMembers({ members, total }: { members: PreviewMember[]; total: number }) {
  if (members.length === 0) return <EmptyState>No account is in this segment.</EmptyState>;
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Segment members">
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Profile ID</th>
            <th scope="col">Name</th>
            <th scope="col">Included</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.id} data-account-id={m.id}>
              <td className="mono">
                <Link to={`/accounts/${encodeURIComponent(m.id)}`}>{m.id}</Link>
              </td>
              <td>{m.account.name ?? ''}</td>
              <td>
                <Chip tone={m.inclusion === 'direct' ? 'direct' : 'via-related'}>
                  {m.inclusion === 'direct' ? 'Directly' : 'Through related'}
                </Chip>
              </td>
              <td>{m.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {total > members.length && (
        <p className="muted">
          Showing the first {formatCount(members.length)} of {formatCount(total)} members.
        </p>
      )}
    </div>
  );
}
