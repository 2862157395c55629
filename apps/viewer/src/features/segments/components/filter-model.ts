import type { IncludeRelated, SegmentDefinition, SegmentFilter, SegmentOp, SegmentScalar } from '@kindred/contract';

/** The builder's editable form of a segment filter: groups of conditions joined by and/or. */
export interface ConditionNode {
  kind: 'condition';
  key: string;
  field: string;
  op: SegmentOp;
  /** As typed; `in` takes comma-separated values, `exists` "true" or "false". */
  value: string;
}

export interface GroupNode {
  kind: 'group';
  key: string;
  join: 'and' | 'or';
  negate: boolean;
  children: FilterNode[];
}

export type FilterNode = ConditionNode | GroupNode;

export interface BuilderState {
  root: GroupNode;
  includeRelated: boolean;
  tiers: IncludeRelated['tiers'];
  relations: NonNullable<IncludeRelated['relations']>;
}

let nextKey = 0;
export const newKey = () => `n${++nextKey}`;

export const newCondition = (field = 'industry', op: SegmentOp = 'eq', value = ''): ConditionNode => ({
  kind: 'condition',
  key: newKey(),
  field,
  op,
  value,
});

export const newGroup = (join: 'and' | 'or' = 'and', children: FilterNode[] = [newCondition()]): GroupNode => ({
  kind: 'group',
  key: newKey(),
  join,
  negate: false,
  children,
});

export const emptyBuilder = (): BuilderState => ({
  root: newGroup('and'),
  includeRelated: false,
  tiers: ['same', 'family', 'related'],
  relations: [],
});

/** A problem that keeps the builder's filter from being sent, naming the condition. */
export class IncompleteFilterError extends Error {}

function conditionToFilter(c: ConditionNode, position: string): SegmentFilter {
  const field = c.field.trim();
  if (!field) throw new IncompleteFilterError(`Condition ${position}: choose a field.`);
  const raw = c.value.trim();
  if (c.op === 'exists') {
    if (raw === '' || raw === 'true') return { field, op: 'exists' };
    if (raw === 'false') return { field, op: 'exists', value: false };
    throw new IncompleteFilterError(`Condition ${position} (${field}): "exists" takes true or false.`);
  }
  if (c.op === 'in') {
    const values = raw.split(',').map((v) => v.trim()).filter(Boolean);
    if (!values.length) throw new IncompleteFilterError(`Condition ${position} (${field}): list at least one value.`);
    return { field, op: 'in', value: values };
  }
  if (raw === '') throw new IncompleteFilterError(`Condition ${position} (${field}): enter a value.`);
  return { field, op: c.op, value: raw };
}

function nodeToFilter(node: FilterNode, position: string): SegmentFilter {
  if (node.kind === 'condition') return conditionToFilter(node, position);
  if (node.children.length === 0) throw new IncompleteFilterError(`Group ${position || '1'}: add a condition.`);
  const parts = node.children.map((c, i) => nodeToFilter(c, position ? `${position}.${i + 1}` : String(i + 1)));
  const joined: SegmentFilter = parts.length === 1 ? parts[0]! : node.join === 'and' ? { and: parts } : { or: parts };
  return node.negate ? { not: joined } : joined;
}

/** The API definition of the builder's state; throws IncompleteFilterError while it is unfinished. */
export function toDefinition(state: BuilderState): SegmentDefinition {
  const filter = nodeToFilter(state.root, '');
  if (!state.includeRelated) return { filter };
  if (!state.tiers.length) throw new IncompleteFilterError('Include related accounts: choose at least one tier.');
  return {
    filter,
    includeRelated: state.relations.length ? { tiers: state.tiers, relations: state.relations } : { tiers: state.tiers },
  };
}

function scalarText(v: SegmentScalar | SegmentScalar[] | undefined): string {
  if (v === undefined) return '';
  return Array.isArray(v) ? v.map(String).join(', ') : String(v);
}

function filterToNode(f: SegmentFilter): FilterNode {
  if ('and' in f) return { ...newGroup('and', f.and.map(filterToNode)) };
  if ('or' in f) return { ...newGroup('or', f.or.map(filterToNode)) };
  if ('not' in f) {
    const inner = filterToNode(f.not);
    const group = inner.kind === 'group' ? inner : newGroup('and', [inner]);
    return { ...group, negate: !group.negate };
  }
  return newCondition(f.field, f.op, scalarText(f.value));
}

/** The builder state of a saved definition (reopening a segment). */
export function fromDefinition(def: SegmentDefinition): BuilderState {
  const node = filterToNode(def.filter);
  const root = node.kind === 'group' ? node : newGroup('and', [node]);
  return {
    root,
    includeRelated: !!def.includeRelated,
    tiers: def.includeRelated?.tiers ?? ['same', 'family', 'related'],
    relations: def.includeRelated?.relations ?? [],
  };
}

/** Replaces the node with `key` anywhere in the tree. */
export function updateNode(root: GroupNode, key: string, fn: (n: FilterNode) => FilterNode | null): GroupNode {
  const walk = (g: GroupNode): GroupNode => ({
    ...g,
    children: g.children.flatMap((c) => {
      if (c.key === key) {
        const next = fn(c);
        return next ? [next] : [];
      }
      return c.kind === 'group' ? [walk(c)] : [c];
    }),
  });
  if (root.key === key) {
    const next = fn(root);
    return next && next.kind === 'group' ? next : root;
  }
  return walk(root);
}
