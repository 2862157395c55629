import { errorMessage } from '../../../shared/api/api-error.js';
import { useRecordOverride } from '../hooks/use-related.js';

/** Records a steward's verdict on a pair; it applies from the next run on. */
export function OverrideButtons({ accountId, relatedId, relatedName }: { accountId: string; relatedId: string; relatedName: string }) {
  const mutation = useRecordOverride();
  const recorded = mutation.isSuccess ? mutation.data.kind : undefined;
  return (
    <div className="override-buttons">
      <button
        type="button"
        className="small"
        disabled={mutation.isPending}
        aria-label={`Mark ${relatedName} as not related`}
        onClick={() => mutation.mutate({ a: accountId, b: relatedId, kind: 'cannot-link' })}
      >
        Not related
      </button>
      <button
        type="button"
        className="small"
        disabled={mutation.isPending}
        aria-label={`Mark ${relatedName} as the same company`}
        onClick={() => mutation.mutate({ a: accountId, b: relatedId, kind: 'must-link' })}
      >
        Same company
      </button>
      <span role="status" className="override-status">
        {recorded === 'cannot-link' && 'Recorded: not related (from the next run)'}
        {recorded === 'must-link' && 'Recorded: same company (from the next run)'}
        {mutation.isError && <span className="form-error">{errorMessage(mutation.error)}</span>}
      </span>
    </div>
  );
}
