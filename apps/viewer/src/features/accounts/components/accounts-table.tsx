import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Link } from 'react-router';
import { formatCount } from '../../../shared/format/format.js';
import type { AccountView } from '@kindred/contract';

const ROW_HEIGHT_PX = 40;

const COLUMNS = [
  { key: 'id', label: 'ID' },
  { key: 'name', label: 'Name' },
  { key: 'website', label: 'Website' },
  { key: 'industry', label: 'Industry' },
  { key: 'state', label: 'State' },
  { key: 'country', label: 'Country' },
  { key: 'groupSize', label: 'Family group' },
] as const;

/** A virtualised table: only the visible rows are in the DOM, so 100k accounts scroll smoothly.
 * Rows beyond `rows.length` (up to `total`) are fetched through `onNeedMore`. */
export function AccountsTable({
  rows,
  total,
  onNeedMore,
  loadingMore,
}: {
  rows: AccountView[];
  total: number;
  onNeedMore: () => void;
  loadingMore: boolean;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT_PX,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.length ? items[items.length - 1]!.index : 0;

  // Arrow keys move between rows (Page Up/Down by a screenful, Home/End to the ends); the row
  // comes into view and its link takes the focus.
  const [active, setActive] = useState<number | null>(null);
  const pageRows = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / ROW_HEIGHT_PX) - 1);
  const onKeyDown = (e: KeyboardEvent) => {
    const from = active ?? -1;
    const step: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: pageRows, PageUp: -pageRows };
    let next: number | undefined;
    if (e.key in step) next = from + step[e.key]!;
    else if (e.key === 'Home' && e.ctrlKey) next = 0;
    else if (e.key === 'End' && e.ctrlKey) next = total - 1;
    if (next === undefined || total === 0) return;
    e.preventDefault();
    next = Math.max(0, Math.min(total - 1, next));
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };
  useEffect(() => {
    if (active === null) return;
    const link = scrollRef.current?.querySelector<HTMLAnchorElement>(`[data-index="${active}"] a`);
    if (link && document.activeElement !== link) link.focus({ preventScroll: true });
  }, [active, items, rows.length]);

  useEffect(() => {
    if (lastIndex >= rows.length - 1 && rows.length < total && !loadingMore) onNeedMore();
  }, [lastIndex, rows.length, total, loadingMore, onNeedMore]);

  return (
    <div className="vtable" role="table" aria-label="Accounts" aria-rowcount={total + 1}>
      <div role="rowgroup" className="vtable-head">
        <div role="row" className="vtable-row accounts-grid" aria-rowindex={1}>
          {COLUMNS.map((c) => (
            <div role="columnheader" key={c.key} className={c.key === 'groupSize' ? 'num' : undefined}>
              {c.label}
            </div>
          ))}
        </div>
      </div>
      <div
        ref={scrollRef}
        className="vtable-body"
        role="rowgroup"
        tabIndex={0}
        aria-label="Account rows (arrow keys move between rows)"
        onKeyDown={onKeyDown}
        onFocus={(e) => {
          const row = (e.target as HTMLElement).closest<HTMLElement>('[data-index]');
          if (row) setActive(Number(row.dataset.index));
        }}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const row = rows[item.index];
            return (
              <div
                role="row"
                key={item.key}
                data-index={item.index}
                aria-rowindex={item.index + 2}
                className="vtable-row accounts-grid"
                style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT_PX, transform: `translateY(${item.start}px)` }}
              >
                {row ? (
                  <>
                    <div role="cell" className="mono">{row.id}</div>
                    <div role="cell" className="truncate">
                      <Link to={`/accounts/${encodeURIComponent(row.id)}`}>{row.account.name ?? '(no name)'}</Link>
                    </div>
                    <div role="cell" className="truncate">{row.account.website ?? row.account.domain ?? ''}</div>
                    <div role="cell" className="truncate">{row.account.industry ?? ''}</div>
                    <div role="cell">{row.account.state ?? ''}</div>
                    <div role="cell">{row.account.country ?? ''}</div>
                    <div role="cell" className="num">{row.groupSizes ? formatCount(row.groupSizes.family) : '—'}</div>
                  </>
                ) : (
                  <div role="cell" className="muted">Loading…</div>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
