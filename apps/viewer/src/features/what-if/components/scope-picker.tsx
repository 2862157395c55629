import type { SegmentView } from '@kindred/contract';
import { useId, useState, type FormEvent } from 'react';
import { MAX_SAMPLE, type WhatIfScope } from '../api/scope-loader.js';

/** Chooses the accounts to recluster: an account's neighbourhood, a saved segment, or a sample. */
export function ScopePicker({
  value,
  segments,
  onSubmit,
}: {
  value: WhatIfScope | null;
  segments: SegmentView[];
  onSubmit: (scope: WhatIfScope) => void;
}) {
  const id = useId();
  const [kind, setKind] = useState<WhatIfScope['kind']>(value?.kind ?? 'sample');
  const [accountId, setAccountId] = useState(value?.kind === 'account' ? value.accountId : '');
  const [segmentId, setSegmentId] = useState(value?.kind === 'segment' ? value.segmentId : (segments[0]?.id ?? ''));
  const [size, setSize] = useState(value?.kind === 'sample' ? value.size : 10_000);
  const [problem, setProblem] = useState<string | null>(null);

  function submit(e: FormEvent) {
    e.preventDefault();
    setProblem(null);
    if (kind === 'account') {
      if (!accountId.trim()) return setProblem('Enter an account ID.');
      onSubmit({ kind, accountId: accountId.trim() });
    } else if (kind === 'segment') {
      const chosen = segmentId || segments[0]?.id;
      if (!chosen) return setProblem('There is no saved segment yet.');
      onSubmit({ kind, segmentId: chosen });
    } else {
      if (!Number.isInteger(size) || size < 1 || size > MAX_SAMPLE) return setProblem(`A sample holds 1 to ${MAX_SAMPLE.toLocaleString()} accounts.`);
      onSubmit({ kind, size });
    }
  }

  return (
    <form className="scope-picker" onSubmit={submit} aria-label="Scope">
      <fieldset>
        <legend>Scope</legend>
        <label className="check">
          <input type="radio" name={`${id}-kind`} checked={kind === 'account'} onChange={() => setKind('account')} />
          Account neighbourhood
        </label>
        <label className="check">
          <input type="radio" name={`${id}-kind`} checked={kind === 'segment'} onChange={() => setKind('segment')} />
          Saved segment
        </label>
        <label className="check">
          <input type="radio" name={`${id}-kind`} checked={kind === 'sample'} onChange={() => setKind('sample')} />
          Sample of accounts
        </label>
      </fieldset>
      {kind === 'account' && (
        <div className="field">
          <label htmlFor={`${id}-account`}>Account ID</label>
          <input id={`${id}-account`} value={accountId} onChange={(e) => setAccountId(e.target.value)} />
        </div>
      )}
      {kind === 'segment' && (
        <div className="field">
          <label htmlFor={`${id}-segment`}>Segment</label>
          <select id={`${id}-segment`} value={segmentId} onChange={(e) => setSegmentId(e.target.value)}>
            {segments.length === 0 && <option value="">No saved segments</option>}
            {segments.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {kind === 'sample' && (
        <div className="field">
          <label htmlFor={`${id}-size`}>Sample size (up to {MAX_SAMPLE.toLocaleString()})</label>
          <input
            id={`${id}-size`}
            type="number"
            min={1}
            max={MAX_SAMPLE}
            step={1000}
            value={size}
            onChange={(e) => setSize(Number.parseInt(e.target.value, 10))}
          />
        </div>
      )}
      <button type="submit" className="primary">
        Load scope
      </button>
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
