import type { GroupChanges } from '@kindred/contract';
import { EmptyState } from '../../../shared/components/states.js';
import { formatCount } from '../../../shared/format/format.js';

const SHOWN = 50;

function List<T>({ title, items, render }: { title: string; items: T[]; render: (item: T) => string }) {
  return (
    <section className="change-group">
      <h3>
        {title} <span className="count">{formatCount(items.length)}</span>
      </h3>
      {items.length > 0 && (
        <ul>
          {items.slice(0, SHOWN).map((item, i) => (
            <li key={i} className="mono">
              {render(item)}
            </li>
          ))}
          {items.length > SHOWN && <li className="muted">and {formatCount(items.length - SHOWN)} more</li>}
        </ul>
      )}
    </section>
  );
}

/** What a run did to the groups: merged, split, created, retired. */
export function ChangeLog({ changes }: { changes: GroupChanges }) {
  const none = !changes.created.length && !changes.merged.length && !changes.split.length && !changes.retired.length;
  if (none) return <EmptyState>No group changed in this run.</EmptyState>;
  return (
    <div className="change-log">
      <List title="Merged" items={changes.merged} render={(m) => `${m.from.join(' + ')} → ${m.into}`} />
      <List title="Split" items={changes.split} render={(s) => `${s.from} → ${s.into.join(', ')}`} />
      <List title="Created" items={changes.created} render={(id) => id} />
      <List title="Retired" items={changes.retired} render={(id) => id} />
    </div>
  );
}
