import { SEGMENT_OPS, type SegmentOp } from '@kindred/contract';
import { useId } from 'react';
import { newCondition, newGroup, updateNode, type ConditionNode, type FilterNode, type GroupNode } from './filter-model.js';

export const KNOWN_FIELDS = [
  'name',
  'industry',
  'state',
  'country',
  'website',
  'domain',
  'phone',
  'address',
  'source',
  'parentId',
  'open_opportunity_over_1m',
];

const OP_LABELS: Record<SegmentOp, string> = {
  eq: 'is',
  in: 'is one of',
  contains: 'contains',
  gt: 'is greater than',
  lt: 'is less than',
  exists: 'is present',
};

function ConditionRow({
  node,
  position,
  onChange,
  onRemove,
  fieldsListId,
}: {
  node: ConditionNode;
  position: string;
  onChange: (n: ConditionNode) => void;
  onRemove: () => void;
  fieldsListId: string;
}) {
  const id = useId();
  return (
    <div className="condition" role="group" aria-label={`Condition ${position}`}>
      <div className="field">
        <label htmlFor={`${id}-field`}>Field</label>
        <input id={`${id}-field`} list={fieldsListId} value={node.field} onChange={(e) => onChange({ ...node, field: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-op`}>Operator</label>
        <select id={`${id}-op`} value={node.op} onChange={(e) => onChange({ ...node, op: e.target.value as SegmentOp })}>
          {SEGMENT_OPS.map((op) => (
            <option key={op} value={op}>
              {OP_LABELS[op]}
            </option>
          ))}
        </select>
      </div>
      <div className="field grow">
        <label htmlFor={`${id}-value`}>Value</label>
        {node.op === 'exists' ? (
          <select id={`${id}-value`} value={node.value === 'false' ? 'false' : 'true'} onChange={(e) => onChange({ ...node, value: e.target.value })}>
            <option value="true">yes</option>
            <option value="false">no</option>
          </select>
        ) : (
          <input
            id={`${id}-value`}
            value={node.value}
            placeholder={node.op === 'in' ? 'comma-separated values' : ''}
            onChange={(e) => onChange({ ...node, value: e.target.value })}
          />
        )}
      </div>
      <button type="button" className="small icon" onClick={onRemove} aria-label={`Remove condition ${position}`}>
        ✕
      </button>
    </div>
  );
}

function GroupEditor({
  group,
  position,
  root,
  setRoot,
  fieldsListId,
}: {
  group: GroupNode;
  position: string;
  root: GroupNode;
  setRoot: (g: GroupNode) => void;
  fieldsListId: string;
}) {
  const id = useId();
  const isRoot = group.key === root.key;
  const update = (key: string, fn: (n: FilterNode) => FilterNode | null) => setRoot(updateNode(root, key, fn));
  const label = isRoot ? 'Filter' : `Group ${position}`;
  return (
    <fieldset className={`filter-group ${isRoot ? 'root' : ''}`}>
      <legend>{label}</legend>
      <div className="group-controls">
        <label htmlFor={`${id}-join`}>Match</label>
        <select
          id={`${id}-join`}
          value={group.join}
          onChange={(e) => update(group.key, (g) => ({ ...(g as GroupNode), join: e.target.value as 'and' | 'or' }))}
        >
          <option value="and">all of (and)</option>
          <option value="or">any of (or)</option>
        </select>
        <label className="check">
          <input
            type="checkbox"
            checked={group.negate}
            onChange={(e) => update(group.key, (g) => ({ ...(g as GroupNode), negate: e.target.checked }))}
          />
          Exclude matches (not)
        </label>
        {!isRoot && (
          <button type="button" className="small" onClick={() => update(group.key, () => null)}>
            Remove group
          </button>
        )}
      </div>
      {group.children.map((child, i) => {
        const pos = position ? `${position}.${i + 1}` : String(i + 1);
        return child.kind === 'condition' ? (
          <ConditionRow
            key={child.key}
            node={child}
            position={pos}
            fieldsListId={fieldsListId}
            onChange={(n) => update(child.key, () => n)}
            onRemove={() => update(child.key, () => null)}
          />
        ) : (
          <GroupEditor key={child.key} group={child} position={pos} root={root} setRoot={setRoot} fieldsListId={fieldsListId} />
        );
      })}
      <div className="group-actions">
        <button
          type="button"
          className="small"
          onClick={() => update(group.key, (g) => ({ ...(g as GroupNode), children: [...(g as GroupNode).children, newCondition()] }))}
        >
          Add condition{isRoot ? '' : ` to group ${position}`}
        </button>
        <button
          type="button"
          className="small"
          onClick={() =>
            update(group.key, (g) => ({ ...(g as GroupNode), children: [...(g as GroupNode).children, newGroup(group.join === 'and' ? 'or' : 'and')] }))
          }
        >
          Add group{isRoot ? '' : ` to group ${position}`}
        </button>
      </div>
    </fieldset>
  );
}

/** The and/or condition tree of a segment. */
export function FilterBuilder({ root, onChange }: { root: GroupNode; onChange: (root: GroupNode) => void }) {
  const fieldsListId = useId();
  return (
    <div className="filter-builder">
      <datalist id={fieldsListId}>
        {KNOWN_FIELDS.map((f) => (
          <option key={f} value={f} />
        ))}
      </datalist>
      <GroupEditor group={root} position="" root={root} setRoot={onChange} fieldsListId={fieldsListId} />
    </div>
  );
}
