import {
  SegmentDefinitionSchema,
  type Account,
  type AccountRecord,
  type RelatedAccount,
  type SegmentCreate,
  type SegmentDefinition,
  type SegmentReach,
  type SegmentReachQuery,
  type SegmentUpdate,
  type SegmentView,
} from '@kindred/contract';
import { evaluateSegment, type SegmentEvaluation } from '@kindred/core';
import type { Json, Segment, Store } from '@kindred/store';
import { notFound } from '../http/problem.js';

/** An organisation's accounts and current related lists, as of one account change sequence and
 * one result run: what segment evaluation reads. */
interface Snapshot {
  seq: number;
  runId: string | null;
  accounts: Map<string, Account>;
  related: Map<string, RelatedAccount[]>;
}

/** Snapshots kept in memory (one per organisation, the most recently used ones). */
const SNAPSHOTS_KEPT = 4;

function segmentView(segment: Segment): SegmentView {
  return {
    id: segment.id,
    name: segment.name,
    description: segment.description,
    definition: SegmentDefinitionSchema.parse(segment.definition),
    createdAt: segment.createdAt,
    updatedAt: segment.updatedAt,
  };
}

/** Saved segments and their evaluation against the current accounts and related accounts. */
export class SegmentService {
  private readonly snapshots = new Map<string, Snapshot>();
  private readonly loading = new Map<string, Promise<Snapshot>>();

  constructor(private readonly store: Store) {}

  async preview(orgId: string, definition: SegmentDefinition, query: SegmentReachQuery): Promise<SegmentReach> {
    const snapshot = await this.snapshot(orgId);
    const evaluation = evaluateSegment(definition, snapshot.accounts.values(), (id) => snapshot.related.get(id));
    return this.page(snapshot, evaluation, query);
  }

  async reach(orgId: string, segmentId: string, query: SegmentReachQuery): Promise<SegmentReach> {
    const segment = await this.get(orgId, segmentId);
    return this.preview(orgId, segment.definition, query);
  }

  async list(orgId: string): Promise<SegmentView[]> {
    return (await this.store.listSegments(orgId)).map(segmentView);
  }

  async get(orgId: string, segmentId: string): Promise<SegmentView> {
    const segment = await this.store.getSegment(orgId, segmentId);
    if (!segment) throw notFound('segment', segmentId);
    return segmentView(segment);
  }

  async create(orgId: string, input: SegmentCreate): Promise<SegmentView> {
    return segmentView(
      await this.store.createSegment(orgId, {
        name: input.name,
        description: input.description ?? null,
        definition: input.definition as unknown as Json,
      }),
    );
  }

  async update(orgId: string, segmentId: string, input: SegmentUpdate): Promise<SegmentView> {
    const updated = await this.store.updateSegment(orgId, segmentId, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.definition !== undefined ? { definition: input.definition as unknown as Json } : {}),
    });
    if (!updated) throw notFound('segment', segmentId);
    return segmentView(updated);
  }

  async delete(orgId: string, segmentId: string): Promise<void> {
    if (!(await this.store.deleteSegment(orgId, segmentId))) throw notFound('segment', segmentId);
  }

  private page(snapshot: Snapshot, evaluation: SegmentEvaluation, query: SegmentReachQuery): SegmentReach {
    const members = query.inclusion ? evaluation.members.filter((m) => m.inclusion === query.inclusion) : evaluation.members;
    const items = members.slice(query.offset, query.offset + query.limit).map((member) => ({
      ...member,
      account: (snapshot.accounts.get(member.id) ?? { id: member.id }) as AccountRecord,
    }));
    return {
      counts: evaluation.counts,
      items,
      total: members.length,
      limit: query.limit,
      offset: query.offset,
      runId: snapshot.runId,
    };
  }

  /** The organisation's snapshot, reloaded when accounts changed or another run's results became
   * current since it was read. */
  private async snapshot(orgId: string): Promise<Snapshot> {
    const [seq, run] = await Promise.all([this.store.accountSeq(orgId), this.store.currentResultsRun(orgId)]);
    const runId = run?.id ?? null;
    const cached = this.snapshots.get(orgId);
    if (cached && cached.seq === seq && cached.runId === runId) {
      this.snapshots.delete(orgId);
      this.snapshots.set(orgId, cached);
      return cached;
    }
    const key = `${orgId}\u0000${seq}\u0000${runId}`;
    let pending = this.loading.get(key);
    if (!pending) {
      pending = this.load(orgId, seq, runId).finally(() => this.loading.delete(key));
      this.loading.set(key, pending);
    }
    const snapshot = await pending;
    this.snapshots.delete(orgId);
    this.snapshots.set(orgId, snapshot);
    while (this.snapshots.size > SNAPSHOTS_KEPT) this.snapshots.delete(this.snapshots.keys().next().value as string);
    return snapshot;
  }

  private async load(orgId: string, seq: number, runId: string | null): Promise<Snapshot> {
    const accounts = new Map<string, Account>();
    for await (const chunk of this.store.iterateAccounts(orgId)) for (const account of chunk) accounts.set(account.id, account);
    const related = new Map<string, RelatedAccount[]>();
    if (runId !== null) {
      for await (const chunk of this.store.iterateResults(orgId)) {
        for (const result of chunk) if (result.related.length > 0) related.set(result.id, result.related);
      }
    }
    return { seq, runId, accounts, related };
  }
}
