/**
 * The one behavioural suite every Store implementation must pass. Each dialect's test file calls
 * `storeSuite` with a harness that opens a fresh database per test.
 */
import type { AccountResult } from '@kindred/contract';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../src/db/migrations.js';
import {
  InvalidInputError,
  MigrationError,
  NotFoundError,
  RunActiveError,
  RunStateError,
  hashApiKey,
  type RelatedQuery,
  type Store,
  type StoreOptions,
} from '../src/index.js';
import { NO_CHANGES, makeAccounts, makeResults, metricsFor } from './fixtures.js';

export interface StoreHarness {
  /** Opens the harness's database; for persistent ones, every call sees the same data. */
  open(options?: StoreOptions): Promise<Store>;
  /** Raw SQL from outside the store (persistent databases only). */
  raw?(sql: string): Promise<Record<string, unknown>[]>;
  /** Applies the first `version` migrations to the (fresh) database (persistent databases only). */
  migrateTo?(version: number): Promise<void>;
  dispose(): Promise<void>;
}

export interface HarnessKind {
  /** Reopening sees the same data, and `raw` reaches it from outside (not so for `:memory:`). */
  persistent: boolean;
  /** A fresh, empty database per call. */
  create(): Promise<StoreHarness>;
}

/** Runs a full run for the org: create, claim, write `results`, commit. */
export async function completeRun(store: Store, orgId: string, results: AccountResult[], mode: 'full' | 'incremental' = 'full') {
  const run = await store.createRun(orgId, { mode });
  await store.claimRun(orgId, run.id);
  const writer = await store.beginResults(orgId, run.id);
  await writer.writeAccounts(results);
  return writer.commit({ metrics: metricsFor(results), changes: NO_CHANGES });
}

async function collect<T>(iterable: AsyncIterable<T[]>): Promise<T[][]> {
  const chunks: T[][] = [];
  for await (const chunk of iterable) chunks.push(chunk);
  return chunks;
}

export function storeSuite(name: string, kind: HarnessKind): void {
  const persistentIt = kind.persistent ? it : undefined;
  describe(name, () => {
    let harness: StoreHarness;
    let store: Store;
    const opened: Store[] = [];
    const open = async (options?: StoreOptions) => {
      const s = await harness.open(options);
      opened.push(s);
      return s;
    };

    beforeEach(async () => {
      harness = await kind.create();
      store = await open();
    });

    afterEach(async () => {
      for (const s of opened.splice(0)) await s.close();
      await harness.dispose();
    });

    /** A persistent harness without an opened store (migration tests start from scratch). */
    const freshHarness = async () => {
      for (const s of opened.splice(0)) await s.close();
      await harness.dispose();
      harness = await kind.create();
      return harness;
    };

    describe('organisations and API keys', () => {
      it('creates an organisation once per name', async () => {
        const a = await store.createOrganisation('Acme Data');
        const again = await store.createOrganisation('  Acme Data ');
        const other = await store.createOrganisation('Globex');
        expect(again).toEqual(a);
        expect(other.id).not.toBe(a.id);
        expect((await store.listOrganisations()).map((o) => o.name)).toEqual(['Acme Data', 'Globex']);
        expect(await store.findOrganisationByName('Globex')).toEqual(other);
        expect(await store.getOrganisation(a.id)).toEqual(a);
        await expect(store.createOrganisation('  ')).rejects.toThrow(/field "name"/);
      });

      it('stores only the SHA-256 of a key and finds the organisation by the plaintext', async () => {
        const a = await store.createOrganisation('a');
        const b = await store.createOrganisation('b');
        const keyA = await store.createApiKey(a.id, { label: 'ci' });
        const keyB = await store.createApiKey(b.id);
        expect(keyA.key).toMatch(/^kdr_[A-Za-z0-9_-]{43}$/);
        expect(keyA.key).not.toBe(keyB.key);
        expect(keyA.info).toMatchObject({ orgId: a.id, label: 'ci', prefix: keyA.key.slice(0, 8), revokedAt: null });
        expect(await store.findOrganisationByApiKey(keyA.key)).toEqual({ organisation: a, keyId: keyA.info.id });
        expect((await store.findOrganisationByApiKey(keyB.key))?.organisation).toEqual(b);
        expect(await store.findOrganisationByApiKey(`${keyA.key}x`)).toBeUndefined();
        expect(await store.findOrganisationByApiKey('')).toBeUndefined();
        expect(await store.listApiKeys(a.id)).toEqual([keyA.info]);
        expect(JSON.stringify(await store.listApiKeys(a.id))).not.toContain(keyA.key);
        if (harness.raw) {
          const rows = await harness.raw('SELECT key_hash FROM api_keys ORDER BY key_hash');
          expect(rows.map((r) => r.key_hash).sort()).toEqual([hashApiKey(keyA.key), hashApiKey(keyB.key)].sort());
          expect(JSON.stringify(await harness.raw('SELECT * FROM api_keys'))).not.toContain(keyA.key.slice(4));
        }
        expect(await store.revokeApiKey(b.id, keyA.info.id)).toBe(false);
        expect(await store.revokeApiKey(a.id, keyA.info.id)).toBe(true);
        expect(await store.findOrganisationByApiKey(keyA.key)).toBeUndefined();
        expect((await store.listApiKeys(a.id))[0].revokedAt).not.toBeNull();
        await expect(store.createApiKey('no-such-org')).rejects.toBeInstanceOf(NotFoundError);
      });

      persistentIt?.('trusts a found key for apiKeyCacheMs at most after another process revokes it', async () => {
        const a = await store.createOrganisation('a');
        const key = await store.createApiKey(a.id);
        const cached = await open({ apiKeyCacheMs: 200 });
        const uncached = await open({ apiKeyCacheMs: 0 });
        expect((await cached.findOrganisationByApiKey(key.key))?.keyId).toBe(key.info.id);
        expect((await uncached.findOrganisationByApiKey(key.key))?.keyId).toBe(key.info.id);
        // A key created elsewhere works at once (unknown keys are not remembered).
        const later = await store.createApiKey(a.id);
        expect((await cached.findOrganisationByApiKey(later.key))?.organisation).toEqual(a);
        expect(await store.revokeApiKey(a.id, key.info.id)).toBe(true);
        expect(await uncached.findOrganisationByApiKey(key.key)).toBeUndefined();
        const revokedAt = Date.now();
        let stillFound = 0;
        for (let i = 0; i < 50 && (await cached.findOrganisationByApiKey(key.key)); i++) {
          stillFound = Date.now() - revokedAt;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        expect(await cached.findOrganisationByApiKey(key.key)).toBeUndefined();
        expect(stillFound).toBeLessThan(400);
        expect((await cached.findOrganisationByApiKey(later.key))?.keyId).toBe(later.info.id);
      });
    });

    describe('accounts', () => {
      it('upserts by id, keeps extra attributes and counts inserted, updated and unchanged records', async () => {
        const org = await store.createOrganisation('a');
        const first = await store.upsertAccounts(org.id, makeAccounts(3));
        expect(first).toEqual({ inserted: 3, updated: 0, unchanged: 0, seq: 3 });
        const changed = { ...makeAccounts(1)[0], name: 'Renamed', crm_owner: 'kim' };
        const second = await store.upsertAccounts(org.id, [...makeAccounts(3), changed, ...makeAccounts(1, 'p', 3)]);
        expect(second).toEqual({ inserted: 1, updated: 1, unchanged: 2, seq: 5 });
        const stored = await store.getAccount(org.id, 'p-000000');
        expect(stored?.account).toEqual(changed);
        expect(stored?.seq).toBe(4);
        expect(await store.countAccounts(org.id)).toBe(4);
        expect(await store.accountSeq(org.id)).toBe(5);
        expect((await store.getAccounts(org.id, ['p-000003', 'nope', 'p-000001'])).map((s) => s.account.id)).toEqual([
          'p-000003',
          'p-000001',
        ]);
      });

      it('rejects a batch with a bad record by naming it, and writes nothing of that batch', async () => {
        const org = await store.createOrganisation('a');
        const batch = [...makeAccounts(2), { name: 'no id' } as never, ...makeAccounts(1, 'q')];
        const error = await store.upsertAccounts(org.id, batch).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(InvalidInputError);
        expect((error as InvalidInputError).message).toMatch(/record 2: field "id"/);
        expect((error as InvalidInputError).details).toMatchObject({ index: 2, field: 'id' });
        const cyclic: Record<string, unknown> = { id: 'c1' };
        cyclic.self = cyclic;
        await expect(store.upsertAccounts(org.id, [cyclic as never])).rejects.toThrow(/account "c1" \(record 0\)/);
        await expect(store.upsertAccounts(org.id, [{ id: 'a\u0000b' }])).rejects.toThrow(/NUL/);
        await expect(store.getAccount(org.id, 'a\u0000b')).rejects.toBeInstanceOf(InvalidInputError);
        await expect(store.getAccounts(org.id, ['a\u0000b'])).rejects.toBeInstanceOf(InvalidInputError);
        expect(await store.countAccounts(org.id)).toBe(0);
        expect(await store.accountSeq(org.id)).toBe(0);
        await expect(store.upsertAccounts('no-such-org', makeAccounts(1))).rejects.toBeInstanceOf(NotFoundError);
      });

      it('keeps the later record when an id appears twice in one batch', async () => {
        const org = await store.createOrganisation('a');
        const [a] = makeAccounts(1);
        const result = await store.upsertAccounts(org.id, [a, { ...a, name: 'Later' }]);
        expect(result).toMatchObject({ inserted: 1, seq: 1 });
        expect((await store.getAccount(org.id, a.id))?.account.name).toBe('Later');
      });

      it('searches name and domain substrings, filters, and pages by offset and cursor', async () => {
        const org = await store.createOrganisation('a');
        await store.upsertAccounts(org.id, [
          ...makeAccounts(30),
          { id: 'x1', name: '100% Juice_Co', email: 'info@juice-co.example.org' },
        ]);
        const byName = await store.listAccounts(org.id, { search: 'HOLDINGS' });
        expect(byName.total).toBe(5); // 0, 7, 14, 21, 28
        expect(byName.items.every((s) => String(s.account.name).includes('Holdings'))).toBe(true);
        expect((await store.listAccounts(org.id, { search: 'company12.example' })).items.map((s) => s.account.id)).toEqual([
          'p-000012',
        ]);
        expect((await store.listAccounts(org.id, { search: 'juice-co.example.org' })).total).toBe(1);
        // LIKE wildcards in the search are literal characters.
        expect((await store.listAccounts(org.id, { search: '100%' })).items.map((s) => s.account.id)).toEqual(['x1']);
        expect((await store.listAccounts(org.id, { search: 'e_C' })).items.map((s) => s.account.id)).toEqual(['x1']);
        expect((await store.listAccounts(org.id, { search: '%' })).total).toBe(1);
        const software = await store.listAccounts(org.id, { industry: 'Software', limit: 100 });
        expect(software.total).toBe(8);
        const mixed = await store.listAccounts(org.id, { industry: ['Software', 'Retail'], state: 'CA', country: 'US' });
        expect(mixed.items.map((s) => s.account.id)).toEqual(
          makeAccounts(30)
            .filter((a) => ['Software', 'Retail'].includes(a.industry as string) && a.state === 'CA' && a.country === 'US')
            .map((a) => a.id),
        );
        expect((await store.listAccounts(org.id, { ids: ['p-000003', 'x1', 'zz'] })).total).toBe(2);

        const byOffset: string[] = [];
        for (let offset = 0; ; offset += 7) {
          const page = await store.listAccounts(org.id, { limit: 7, offset });
          expect(page.total).toBe(31);
          if (page.items.length === 0) break;
          byOffset.push(...page.items.map((s) => s.account.id));
        }
        const byCursor: string[] = [];
        let cursor: string | undefined;
        for (let guard = 0; guard < 10; guard++) {
          const page = await store.listAccounts(org.id, { limit: 7, cursor });
          byCursor.push(...page.items.map((s) => s.account.id));
          cursor = page.nextCursor;
          if (!cursor) break;
        }
        expect(byOffset).toHaveLength(31);
        expect(byCursor).toEqual(byOffset);
        expect([...byOffset].sort()).toEqual(byOffset);
        await expect(store.listAccounts(org.id, { limit: 0 })).rejects.toThrow(/field "limit"/);
        await expect(store.listAccounts(org.id, { cursor: '!!' })).rejects.toThrow(/field "cursor"/);
      });

      it('deletes with a tombstone the next incremental run sees, and revives on upsert', async () => {
        const org = await store.createOrganisation('a');
        await store.upsertAccounts(org.id, makeAccounts(3));
        expect(await store.deleteAccount(org.id, 'p-000001')).toBe(true);
        expect(await store.deleteAccount(org.id, 'p-000001')).toBe(false);
        expect(await store.deleteAccount(org.id, 'nope')).toBe(false);
        expect(await store.getAccount(org.id, 'p-000001')).toBeUndefined();
        expect(await store.countAccounts(org.id)).toBe(2);
        expect((await store.listAccounts(org.id)).items.map((s) => s.account.id)).toEqual(['p-000000', 'p-000002']);
        const changes = await store.listAccountChanges(org.id, 3);
        expect(changes).toEqual({ changes: [{ id: 'p-000001', seq: 4, deleted: true, before: makeAccounts(3)[1] }], lastSeq: 4, more: false });
        const revived = await store.upsertAccounts(org.id, makeAccounts(2));
        expect(revived).toMatchObject({ inserted: 0, updated: 1, unchanged: 1 });
        expect((await store.getAccount(org.id, 'p-000001'))?.account.id).toBe('p-000001');
      });

      it('lists changes since a sequence in order, in limited pages', async () => {
        const org = await store.createOrganisation('a');
        await store.upsertAccounts(org.id, makeAccounts(5));
        await store.upsertAccounts(org.id, [{ ...makeAccounts(1)[0], name: 'Changed' }]);
        const page1 = await store.listAccountChanges(org.id, 0, { limit: 4 });
        expect(page1.changes.map((c) => [c.id, c.seq])).toEqual([
          ['p-000001', 2],
          ['p-000002', 3],
          ['p-000003', 4],
          ['p-000004', 5],
        ]);
        expect(page1).toMatchObject({ lastSeq: 5, more: true });
        const page2 = await store.listAccountChanges(org.id, page1.lastSeq, { limit: 4 });
        expect(page2.changes).toEqual([
          { id: 'p-000000', seq: 6, deleted: false, account: { ...makeAccounts(1)[0], name: 'Changed' }, before: makeAccounts(1)[0] },
        ]);
        expect(page2.more).toBe(false);
        expect(await store.listAccountChanges(org.id, 6)).toEqual({ changes: [], lastSeq: 6, more: false });
      });

      it('gives each change the record as it was at the asked sequence, and forgets what committed results cover', async () => {
        const org = await store.createOrganisation('a');
        const [a, b, c] = makeAccounts(3);
        await store.upsertAccounts(org.id, [a, b]);
        const base = await completeRun(store, org.id, makeResults([a.id, b.id], 'v1'));
        expect(base.accountSeq).toBe(2);
        await store.upsertAccounts(org.id, [{ ...a, name: 'First rename' }, c]);
        await store.upsertAccounts(org.id, [{ ...a, name: 'Second rename' }]);
        await store.deleteAccount(org.id, b.id);
        await store.upsertAccounts(org.id, [{ ...b, name: 'Back again' }]);
        const { changes } = await store.listAccountChanges(org.id, 2);
        const byId = new Map(changes.map((ch) => [ch.id, ch]));
        // The value at sequence 2, however many changes came after it.
        expect(byId.get(a.id)).toMatchObject({ deleted: false, account: { ...a, name: 'Second rename' }, before: a });
        expect(byId.get(b.id)).toMatchObject({ deleted: false, account: { ...b, name: 'Back again' }, before: b });
        expect(byId.get(c.id)).toMatchObject({ deleted: false, account: c, before: null });
        // From a later sequence: the value then.
        expect((await store.listAccountChanges(org.id, 4)).changes.find((ch) => ch.id === a.id)?.before).toEqual({ ...a, name: 'First rename' });
        expect((await store.listAccountChanges(org.id, 6)).changes.find((ch) => ch.id === b.id)?.before).toBeNull();

        // Results keep each account's component; once they commit, the log before them is gone.
        const next = await store.createRun(org.id, { mode: 'incremental' });
        const claimed = await store.claimRun(org.id, next.id);
        expect(claimed?.accountSeq).toBe(7);
        const writer = await store.beginResults(org.id, next.id);
        const results = makeResults([a.id, b.id, c.id], 'v2');
        await writer.writeAccounts(results.map((r, i) => ({ ...r, component: i < 2 ? a.id : c.id })));
        await writer.commit({ metrics: metricsFor(results), changes: NO_CHANGES });
        expect((await store.currentAssignment(org.id)).map((x) => x.component)).toEqual([a.id, a.id, c.id]);
        expect((await store.listAccountChanges(org.id, 2)).changes.every((ch) => ch.before === undefined)).toBe(true);
        await store.upsertAccounts(org.id, [{ ...c, name: 'Third' }]);
        expect((await store.listAccountChanges(org.id, 7)).changes).toEqual([{ id: c.id, seq: 8, deleted: false, account: { ...c, name: 'Third' }, before: c }]);

        // An incremental run copies the components it carries over.
        const third = await store.createRun(org.id, { mode: 'incremental' });
        await store.claimRun(org.id, third.id);
        const copier = await store.beginResults(org.id, third.id);
        await copier.writeAccounts([{ ...makeResults([c.id], 'v3')[0], component: c.id }]);
        expect(await copier.copyCurrent({ exclude: [c.id] })).toBe(2);
        await copier.commit({ metrics: metricsFor(results), changes: NO_CHANGES });
        expect((await store.currentAssignment(org.id)).map((x) => [x.id, x.component])).toEqual([
          [a.id, a.id],
          [b.id, a.id],
          [c.id, c.id],
        ]);
      });

      it('iterates all accounts in chunks, in id order', async () => {
        const org = await store.createOrganisation('a');
        await store.upsertAccounts(org.id, makeAccounts(2_500));
        await store.deleteAccount(org.id, 'p-000010');
        const chunks = await collect(store.iterateAccounts(org.id, { chunkSize: 1_000 }));
        expect(chunks.map((c) => c.length)).toEqual([1_000, 1_000, 499]);
        const ids = chunks.flat().map((a) => a.id);
        expect(ids).toEqual(makeAccounts(2_500).map((a) => a.id).filter((id) => id !== 'p-000010'));
      });
    });

    describe('runs', () => {
      it('allows one queued or running run per organisation', async () => {
        const a = await store.createOrganisation('a');
        const b = await store.createOrganisation('b');
        await store.upsertAccounts(a.id, makeAccounts(4));
        const run = await store.createRun(a.id, { mode: 'full', config: null });
        expect(run).toMatchObject({ status: 'queued', mode: 'full', trigger: 'api', progress: { stage: 'queued', percent: 0 } });
        const refused = await store.createRun(a.id, { mode: 'incremental' }).catch((e: unknown) => e);
        expect(refused).toBeInstanceOf(RunActiveError);
        expect((refused as RunActiveError).activeRunId).toBe(run.id);
        expect((await store.createRun(b.id, { mode: 'full' })).status).toBe('queued');

        const claimed = await store.claimRun(a.id, run.id);
        expect(claimed).toMatchObject({ status: 'running', accountSeq: 4, owner: { pid: process.pid } });
        expect(await store.claimRun(a.id, run.id)).toBeUndefined();
        await expect(store.createRun(a.id, { mode: 'full' })).rejects.toBeInstanceOf(RunActiveError);
        expect((await store.activeRun(a.id))?.id).toBe(run.id);

        const failed = await store.updateRun(a.id, run.id, { status: 'failed', message: 'boom' });
        expect(failed).toMatchObject({ status: 'failed', message: 'boom' });
        expect(failed.finishedAt).not.toBeNull();
        await expect(store.updateRun(a.id, run.id, { message: 'late' })).rejects.toBeInstanceOf(RunStateError);
        expect(await store.activeRun(a.id)).toBeUndefined();
        expect((await store.createRun(a.id, { mode: 'full' })).status).toBe('queued');
      });

      it('lets exactly one of many concurrent creates through', async () => {
        const org = await store.createOrganisation('a');
        const outcomes = await Promise.allSettled(Array.from({ length: 6 }, () => store.createRun(org.id, { mode: 'full' })));
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(RunActiveError);
      });

      persistentIt?.('keeps one active run per organisation across connections, and one claim per run', async () => {
        const other = await open();
        const org = await store.createOrganisation('a');
        const creates = await Promise.allSettled(
          Array.from({ length: 6 }, (_, i) => (i % 2 ? other : store).createRun(org.id, { mode: 'full' })),
        );
        const created = creates.filter((o) => o.status === 'fulfilled');
        expect(created).toHaveLength(1);
        const runId = (created[0] as PromiseFulfilledResult<{ id: string }>).value.id;
        const claims = await Promise.all([store.claimRun(org.id, runId), other.claimRun(org.id, runId), store.claimNextRun()]);
        expect(claims.filter((c) => c !== undefined)).toHaveLength(1);
        expect((await other.getRun(org.id, runId))?.status).toBe('running');
      });

      it('records progress, messages, metrics and skipped runs', async () => {
        const org = await store.createOrganisation('a');
        const run = await store.createRun(org.id, { mode: 'incremental', trigger: 'schedule' });
        await store.claimRun(org.id, run.id);
        const progressed = await store.updateRun(org.id, run.id, { progress: { stage: 'block', percent: 40 }, message: 'blocking' });
        expect(progressed).toMatchObject({ progress: { stage: 'block', percent: 40 }, message: 'blocking', trigger: 'schedule' });
        await expect(store.updateRun(org.id, run.id, { progress: { stage: 'x', percent: 140 } })).rejects.toThrow(
          /progress.percent/,
        );
        await expect(store.updateRun(org.id, run.id, { status: 'succeeded' as never })).rejects.toThrow(/field "status"/);
        await expect(store.updateRun(org.id, 'nope', { message: 'x' })).rejects.toBeInstanceOf(NotFoundError);
        const skipped = await store.updateRun(org.id, run.id, { status: 'skipped', message: 'no changed accounts' });
        expect(skipped.status).toBe('skipped');
        expect(await store.activeRun(org.id)).toBeUndefined();
        await expect(store.createRun(org.id, { mode: 'sometimes' as never })).rejects.toThrow(/field "mode"/);
      });

      it('lists runs newest first with a status filter and pages, and finds the last success', async () => {
        const org = await store.createOrganisation('a');
        await store.upsertAccounts(org.id, makeAccounts(8));
        const ids: string[] = [];
        for (let i = 0; i < 5; i++) {
          if (i === 2) {
            ids.push((await completeRun(store, org.id, makeResults(makeAccounts(8).map((a) => a.id), `v${i}`))).id);
            continue;
          }
          const run = await store.createRun(org.id, { mode: 'full' });
          await store.claimRun(org.id, run.id);
          await store.updateRun(org.id, run.id, { status: 'failed', message: `failure ${i}` });
          ids.push(run.id);
        }
        const all = await store.listRuns(org.id);
        expect(all.items.map((r) => r.id)).toEqual([...ids].reverse());
        expect(all.total).toBe(5);
        const failed = await store.listRuns(org.id, { status: 'failed', limit: 2 });
        expect(failed.total).toBe(4);
        expect(failed.items.map((r) => r.id)).toEqual([ids[4], ids[3]]);
        const rest = await store.listRuns(org.id, { status: 'failed', limit: 2, cursor: failed.nextCursor });
        expect(rest.items.map((r) => r.id)).toEqual([ids[1], ids[0]]);
        expect(rest.nextCursor).toBeUndefined();
        expect((await store.listRuns(org.id, { status: ['succeeded', 'queued'] })).items.map((r) => r.id)).toEqual([ids[2]]);
        expect((await store.listRuns(org.id, { offset: 4 })).items.map((r) => r.id)).toEqual([ids[0]]);
        expect((await store.lastSuccessfulRun(org.id))?.id).toBe(ids[2]);
        expect((await store.currentResultsRun(org.id))?.id).toBe(ids[2]);
        await expect(store.listRuns(org.id, { status: 'done' as never })).rejects.toThrow(/field "status"/);
      });

      it('keeps a running run of a live process on this host, however long since its heartbeat', async () => {
        let nowMs = Date.parse('2026-01-01T00:00:00Z');
        const clocked = await open({ now: () => new Date(nowMs), staleAfterMs: 60_000 });
        const org = await clocked.createOrganisation('a');
        const run = await clocked.createRun(org.id, { mode: 'full' });
        await clocked.claimRun(org.id, run.id);
        nowMs += 3_600_000;
        expect(await clocked.recoverStaleRuns()).toEqual([]);
        expect((await clocked.getRun(org.id, run.id))?.status).toBe('running');
      });

      persistentIt?.('fails a running run of another host whose heartbeat stopped, and frees the organisation', async () => {
        let nowMs = Date.parse('2026-01-01T00:00:00Z');
        const clocked = await open({ now: () => new Date(nowMs), staleAfterMs: 60_000 });
        const org = await clocked.createOrganisation('a');
        const run = await clocked.createRun(org.id, { mode: 'full' });
        await clocked.claimRun(org.id, run.id);
        await harness.raw!(`UPDATE runs SET owner_host = 'worker-elsewhere' WHERE id = '${run.id}'`);
        nowMs += 30_000;
        await clocked.heartbeatRun(org.id, run.id);
        nowMs += 50_000;
        expect(await clocked.recoverStaleRuns()).toEqual([]);
        nowMs += 20_000;
        const recovered = await clocked.recoverStaleRuns();
        expect(recovered.map((r) => [r.id, r.status])).toEqual([[run.id, 'failed']]);
        expect(recovered[0].message).toMatch(/no sign of life for 70 s/);
        expect((await clocked.createRun(org.id, { mode: 'full' })).status).toBe('queued');
      });

      persistentIt?.('fails a queued run whose creating process exited', async () => {
        const org = await store.createOrganisation('a');
        const run = await store.createRun(org.id, { mode: 'full' });
        // A pid that cannot be alive (above the kernel's pid_max of 2^22).
        await harness.raw!(`UPDATE runs SET owner_pid = 9999999 WHERE id = '${run.id}'`);
        const recovered = await store.recoverStaleRuns();
        expect(recovered.map((r) => r.id)).toEqual([run.id]);
        expect(recovered[0].message).toMatch(/process that queued it \(pid 9999999\) exited/);
      });

      it('claims the oldest queued run of any organisation', async () => {
        const a = await store.createOrganisation('a');
        const b = await store.createOrganisation('b');
        const runB = await store.createRun(b.id, { mode: 'full' });
        const runA = await store.createRun(a.id, { mode: 'full' });
        expect((await store.claimNextRun())?.id).toBe(runB.id);
        expect((await store.claimNextRun())?.id).toBe(runA.id);
        expect(await store.claimNextRun()).toBeUndefined();
      });

      it('keeps runs 90 days and prunes older finished ones, but never the current results', async () => {
        let nowMs = Date.parse('2026-01-01T00:00:00Z');
        const clocked = await open({ now: () => new Date(nowMs) });
        const org = await clocked.createOrganisation('a');
        await clocked.upsertAccounts(org.id, makeAccounts(4));
        const ids = makeAccounts(4).map((a) => a.id);
        const current = await completeRun(clocked, org.id, makeResults(ids, 'c'));
        const old = await clocked.createRun(org.id, { mode: 'full' });
        await clocked.claimRun(org.id, old.id);
        await clocked.updateRun(org.id, old.id, { status: 'failed', message: 'x' });
        nowMs += 10 * 86_400_000;
        const recent = await clocked.createRun(org.id, { mode: 'full' });
        await clocked.claimRun(org.id, recent.id);
        await clocked.updateRun(org.id, recent.id, { status: 'skipped' });
        nowMs += 85 * 86_400_000; // old runs are 95 days old, the recent one 85
        await expect(clocked.pruneRuns({ olderThanDays: 30 })).rejects.toThrow(/at least 90/);
        expect(await clocked.pruneRuns()).toBe(1);
        expect((await clocked.listRuns(org.id)).items.map((r) => r.id)).toEqual([recent.id, current.id]);
        expect((await clocked.getRelated(org.id, ids[0])).total).toBe(3);
      });
    });

    describe('results', () => {
      const ids = makeAccounts(40).map((a) => a.id);

      it('switches versions atomically: readers see the old version until the commit', async () => {
        const org = await store.createOrganisation('a');
        await store.upsertAccounts(org.id, makeAccounts(40));
        const first = await completeRun(store, org.id, makeResults(ids, 'v1'));
        expect(first).toMatchObject({ status: 'succeeded', progress: { stage: 'done', percent: 100 } });
        expect(first.metrics?.totalAccounts).toBe(40);

        const run = await store.createRun(org.id, { mode: 'full' });
        await store.claimRun(org.id, run.id);
        const writer = await store.beginResults(org.id, run.id);
        expect(writer.version).toBeGreaterThan(first.resultVersion as number);
        await writer.writeAccounts(makeResults(ids, 'v2').slice(0, 20));
        expect((await store.getAccountGroups(org.id, ids[0]))?.groups.same).toBe('v1-s0');
        expect((await store.getAccountGroups(org.id, ids[30]))?.groups.same).toBe('v1-s15');
        await writer.writeAccounts(makeResults(ids, 'v2').slice(20));
        expect((await store.currentAssignment(org.id)).every((a) => a.groups.same.startsWith('v1-'))).toBe(true);
        const committed = await writer.commit({ metrics: metricsFor(makeResults(ids, 'v2')), changes: NO_CHANGES, message: 'ok' });
        expect(committed).toMatchObject({ id: run.id, status: 'succeeded', message: 'ok', resultVersion: writer.version });
        const assignment = await store.currentAssignment(org.id);
        expect(assignment).toHaveLength(40);
        expect(assignment.every((a) => a.groups.same.startsWith('v2-'))).toBe(true);
        expect((await store.currentResultsRun(org.id))?.id).toBe(run.id);
        // The old version was collected after the switch.
        expect(await store.collectGarbage(org.id)).toBe(0);
        if (harness.raw) {
          const versions = await harness.raw('SELECT DISTINCT version FROM result_accounts');
          expect(versions.map((v) => Number(v.version))).toEqual([writer.version]);
        }
      });

      it('never shows a reader a mix of two versions while the switch happens', async () => {
        const org = await store.createOrganisation('a');
        const many = makeAccounts(3_000).map((a) => a.id);
        await completeRun(store, org.id, makeResults(many, 'v1'));
        const run = await store.createRun(org.id, { mode: 'full' });
        await store.claimRun(org.id, run.id);
        const writer = await store.beginResults(org.id, run.id);
        await writer.writeAccounts(makeResults(many, 'v2'));
        let committed = false;
        const commit = writer.commit({ metrics: metricsFor([]), changes: NO_CHANGES }).then(() => (committed = true));
        const seen = new Set<string>();
        for (let reads = 0; reads < 200 && !committed; reads++) {
          const labels = new Set((await store.currentAssignment(org.id)).map((a) => a.groups.family.split('-')[0]));
          expect(labels.size).toBe(1);
          seen.add([...labels][0]);
        }
        await commit;
        const after = new Set((await store.currentAssignment(org.id)).map((a) => a.groups.family.split('-')[0]));
        expect([...after]).toEqual(['v2']);
        expect([...seen].every((label) => label === 'v1' || label === 'v2')).toBe(true);
      });

      it('leaves the previous results in place when a run fails or aborts', async () => {
        const org = await store.createOrganisation('a');
        await store.upsertAccounts(org.id, makeAccounts(40));
        await completeRun(store, org.id, makeResults(ids, 'v1'));
        const before = await collect(store.iterateResults(org.id));

        const run = await store.createRun(org.id, { mode: 'full' });
        await store.claimRun(org.id, run.id);
        const writer = await store.beginResults(org.id, run.id);
        await writer.writeAccounts(makeResults(ids, 'v2').slice(0, 25));
        await writer.abort('the engine threw');
        expect(await store.getRun(org.id, run.id)).toMatchObject({ status: 'failed', message: 'the engine threw' });
        expect(await collect(store.iterateResults(org.id))).toEqual(before);
        await expect(writer.writeAccounts(makeResults(ids, 'v3'))).rejects.toBeInstanceOf(RunStateError);
        await expect(writer.commit({ metrics: metricsFor([]), changes: NO_CHANGES })).rejects.toBeInstanceOf(RunStateError);
        expect(await collect(store.iterateResults(org.id))).toEqual(before);

        // A run failed (e.g. as stale) while it writes cannot switch afterwards.
        const second = await store.createRun(org.id, { mode: 'full' });
        await store.claimRun(org.id, second.id);
        const late = await store.beginResults(org.id, second.id);
        await late.writeAccounts(makeResults(ids, 'v4'));
        await store.updateRun(org.id, second.id, { status: 'failed', message: 'stale' });
        await expect(late.commit({ metrics: metricsFor([]), changes: NO_CHANGES })).rejects.toThrow(/is failed: cannot commit/);
        expect(await collect(store.iterateResults(org.id))).toEqual(before);
        if (harness.raw) {
          const versions = await harness.raw('SELECT COUNT(DISTINCT version) AS n FROM result_accounts');
          expect(Number(versions[0].n)).toBe(1);
        }
      });

      it('answers related accounts ordered by tier and score, filtered, paged and joined with their records', async () => {
        const org = await store.createOrganisation('a');
        await store.upsertAccounts(org.id, makeAccounts(40));
        await completeRun(store, org.id, makeResults(ids, 'v1'));
        await store.deleteAccount(org.id, ids[7]);
        const related = await store.getRelated(org.id, ids[2]);
        expect(related.total).toBe(7);
        expect(related.items.map((r) => [r.id, r.tier, r.score])).toEqual([
          [ids[3], 'same', 0.9],
          [ids[1], 'family', 0.9],
          [ids[0], 'family', 0.8],
          [ids[4], 'related', 0.8],
          [ids[5], 'related', 0.7],
          [ids[6], 'related', 0.6],
          [ids[7], 'related', 0.5],
        ]);
        expect(related.items[0]).toMatchObject({
          relation: 'duplicate',
          reasons: [{ factor: 'name', detail: `shares a name token with ${ids[3]}`, contribution: 0.5 }],
          account: makeAccounts(4)[3],
        });
        expect(related.items[6].account).toBeNull();
        const family = await store.getRelated(org.id, ids[2], { tier: 'family' });
        expect(family.items.map((r) => r.id)).toEqual([ids[1], ids[0]]);
        const wider = await store.getRelated(org.id, ids[2], { tier: ['same', 'family'], relation: 'sibling' });
        expect(wider.items.map((r) => r.id)).toEqual([ids[1], ids[0]]);
        const page = await store.getRelated(org.id, ids[2], { limit: 3, offset: 3 });
        expect(page.items.map((r) => r.id)).toEqual([ids[4], ids[5], ids[6]]);
        expect(page.total).toBe(7);
        expect((await store.getRelated(org.id, 'unknown')).total).toBe(0);
        await expect(store.getRelated(org.id, ids[2], { tier: 'cousin' as never })).rejects.toThrow(/field "tier"/);
        const first = await store.getRelated(org.id, ids[2], { limit: 4 });
        const second = await store.getRelated(org.id, ids[2], { limit: 4, cursor: first.nextCursor });
        expect([...first.items, ...second.items].map((r) => r.id)).toEqual(related.items.map((r) => r.id));
        expect(second.nextCursor).toBeUndefined();
      });

      it('looks related accounts up with the fields a lookup shows, as getRelated orders, filters and pages them', async () => {
        const org = await store.createOrganisation('a');
        const other = await store.createOrganisation('b');
        await store.upsertAccounts(org.id, [
          ...makeAccounts(40),
          { id: 'fresh', name: 'Arrived after the run' },
        ]);
        await store.upsertAccounts(other.id, [{ id: 'b-only', name: 'B' }]);
        expect(await store.lookupRelated(org.id, ids[2])).toEqual({
          runId: null,
          clustered: false,
          page: { items: [], total: 0, limit: 50, offset: 0 },
        });
        const run = await completeRun(store, org.id, makeResults(ids, 'v1'));
        // Display fields: non-empty text only; a number, an empty text and other fields are not shown.
        await store.upsertAccounts(org.id, [
          { id: ids[3], name: 'Three', domain: '', phone: 5 as never, parentId: ids[1], source: 'crm', email: 'x@y.example' },
        ]);
        await store.deleteAccount(org.id, ids[7]);
        const queries: RelatedQuery[] = [{}, { tier: 'family' }, { tier: ['same', 'related'], relation: 'duplicate' }, { limit: 3, offset: 3 }];
        for (const query of queries) {
          const lookup = await store.lookupRelated(org.id, ids[2], query);
          const related = await store.getRelated(org.id, ids[2], query);
          expect(lookup?.runId).toBe(run.id);
          expect(lookup?.clustered).toBe(true);
          const { items, ...paging } = lookup!.page;
          const { items: full, ...fullPaging } = related;
          expect(paging).toEqual(fullPaging);
          expect(items.map(({ fields: _f, ...r }) => r)).toEqual(full.map(({ account: _a, ...r }) => r));
          expect(items.map((r) => r.fields?.name ?? null)).toEqual(full.map((r) => (r.account?.name as string | undefined) ?? null));
        }
        const all = (await store.lookupRelated(org.id, ids[2]))!.page.items;
        expect(all[0].fields).toEqual({
          name: 'Three',
          website: null,
          domain: null,
          parentId: ids[1],
          phone: null,
          address: null,
          state: null,
          country: null,
          industry: null,
          source: 'crm',
        });
        expect(all[1].fields).toMatchObject({ name: makeAccounts(2)[1].name, website: makeAccounts(2)[1].website, country: 'DE' });
        expect(all.find((r) => r.id === ids[7])?.fields).toBeNull();
        const first = await store.lookupRelated(org.id, ids[2], { limit: 4 });
        const second = await store.lookupRelated(org.id, ids[2], { limit: 4, cursor: first!.page.nextCursor });
        expect([...first!.page.items, ...second!.page.items].map((r) => r.id)).toEqual(all.map((r) => r.id));
        expect(second!.page.nextCursor).toBeUndefined();
        expect(await store.lookupRelated(org.id, 'fresh')).toMatchObject({ runId: run.id, clustered: false, page: { total: 0 } });
        // Unknown, deleted and another organisation's accounts are not there.
        expect(await store.lookupRelated(org.id, 'unknown')).toBeUndefined();
        expect(await store.lookupRelated(org.id, ids[7])).toBeUndefined();
        expect(await store.lookupRelated(org.id, 'b-only')).toBeUndefined();
        expect(await store.lookupRelated(other.id, ids[2])).toBeUndefined();
        expect(await store.lookupRelated('no-such-org', ids[2])).toBeUndefined();
        await expect(store.lookupRelated(org.id, ids[2], { tier: 'cousin' as never })).rejects.toThrow(/field "tier"/);
        await expect(store.lookupRelated(org.id, ids[2], { cursor: 'not a cursor' })).rejects.toThrow(/field "cursor"/);
      });

      it('moves the related state with every account change and result switch, and only then', async () => {
        const org = await store.createOrganisation('a');
        const other = await store.createOrganisation('b');
        expect(await store.relatedState(org.id)).toEqual({ version: null, runId: null, accountSeq: 0 });
        expect(await store.relatedState('no-such-org')).toBeUndefined();
        await store.upsertAccounts(org.id, makeAccounts(40));
        const ingested = await store.relatedState(org.id);
        expect(ingested).toMatchObject({ version: null, runId: null });
        const run = await completeRun(store, org.id, makeResults(ids, 'v1'));
        const clustered = await store.relatedState(org.id);
        expect(clustered).toEqual({ version: run.resultVersion, runId: run.id, accountSeq: ingested!.accountSeq });
        const page = await store.lookupRelated(org.id, ids[2]);
        // Nothing that leaves the pages alone moves the state.
        await store.upsertAccounts(org.id, [makeAccounts(4)[3]]);
        await store.upsertAccounts(other.id, makeAccounts(4));
        await store.deleteAccount(org.id, 'unknown');
        await store.putOverride(org.id, { a: ids[0], b: ids[9], kind: 'cannot-link' });
        expect(await store.relatedState(org.id)).toEqual(clustered);
        expect(await store.lookupRelated(org.id, ids[2])).toEqual(page);
        // An account change moves it, and the page shows the change.
        await store.upsertAccounts(org.id, [{ ...makeAccounts(4)[3], name: 'Renamed' }]);
        const renamed = await store.relatedState(org.id);
        expect(renamed!.accountSeq).toBeGreaterThan(clustered!.accountSeq);
        expect((await store.lookupRelated(org.id, ids[2]))!.page.items[0]).toMatchObject({ id: ids[3], fields: { name: 'Renamed' } });
        await store.deleteAccount(org.id, ids[3]);
        expect((await store.relatedState(org.id))!.accountSeq).toBeGreaterThan(renamed!.accountSeq);
        expect((await store.lookupRelated(org.id, ids[2]))!.page.items[0]).toMatchObject({ id: ids[3], fields: null });
        // A result switch moves it.
        const next = await completeRun(store, org.id, makeResults(ids, 'v2').map((r) => ({ ...r, related: [] })));
        expect(await store.relatedState(org.id)).toMatchObject({ version: next.resultVersion, runId: next.id });
        expect(await store.lookupRelated(org.id, ids[2])).toMatchObject({ runId: next.id, page: { total: 0, items: [] } });
      });

      persistentIt?.('shows in related pages the account changes another store made, with or without the display cache', async () => {
        const org = await store.createOrganisation('a');
        await store.upsertAccounts(org.id, makeAccounts(40));
        await completeRun(store, org.id, makeResults(ids, 'v1'));
        const uncached = await open({ displayCacheChars: 0 });
        const page = await store.lookupRelated(org.id, ids[2]);
        expect(page!.page.items.length).toBeGreaterThan(1);
        expect(page!.page.items.every((r) => r.fields !== null)).toBe(true);
        expect(await uncached.lookupRelated(org.id, ids[2])).toEqual(page);
        // Another store (another process) renames one related account and deletes another.
        const other = await open();
        const [first, second] = page!.page.items;
        const record = makeAccounts(40).find((a) => a.id === first.id)!;
        await other.upsertAccounts(org.id, [{ ...record, name: 'Renamed elsewhere' }]);
        await other.deleteAccount(org.id, second.id);
        const after = await store.lookupRelated(org.id, ids[2]);
        expect(after!.page.items[0]).toMatchObject({ id: first.id, fields: { name: 'Renamed elsewhere' } });
        expect(after!.page.items[1]).toMatchObject({ id: second.id, fields: null });
        expect(await uncached.lookupRelated(org.id, ids[2])).toEqual(after);
        expect(await store.lookupRelated(org.id, ids[2])).toEqual(after);
      });

      it('answers groups, group members and group sizes, and filters accounts by group size', async () => {
        const org = await store.createOrganisation('a');
        await store.upsertAccounts(org.id, makeAccounts(42));
        expect((await store.listAccounts(org.id, { groupSize: { tier: 'same', minSize: 1 } })).total).toBe(0);
        const allIds = makeAccounts(42).map((a) => a.id);
        await completeRun(store, org.id, makeResults(allIds, 'v1'));
        expect(await store.getAccountGroups(org.id, allIds[41])).toMatchObject({
          groups: { same: 'v1-s20', family: 'v1-f10', related: 'v1-r5' },
          sizes: { same: 2, family: 2, related: 2 },
        });
        expect(await store.getAccountGroups(org.id, allIds[5])).toMatchObject({ sizes: { same: 2, family: 4, related: 8 } });
        expect(await store.getAccountGroups(org.id, 'unknown')).toBeUndefined();
        const many = await store.getAccountGroupsMany(org.id, [allIds[5], 'unknown', allIds[41], allIds[5]]);
        expect([...many.keys()].sort()).toEqual([allIds[5], allIds[41]]);
        expect(many.get(allIds[41])).toEqual(await store.getAccountGroups(org.id, allIds[41]));
        const members = await store.getGroupMembers(org.id, 'related', 'v1-r1', { limit: 5 });
        expect(members).toMatchObject({ items: allIds.slice(8, 13), total: 8 });
        const rest = await store.getGroupMembers(org.id, 'related', 'v1-r1', { limit: 5, cursor: members.nextCursor });
        expect(rest.items).toEqual(allIds.slice(13, 16));
        const groups = await store.listGroups(org.id, { tier: 'related' });
        expect(groups.total).toBe(6);
        expect(groups.items[0]).toEqual({ tier: 'related', groupId: 'v1-r0', size: 8 });
        expect(groups.items[5]).toEqual({ tier: 'related', groupId: 'v1-r5', size: 2 });
        expect((await store.listGroups(org.id, { minSize: 4 })).total).toBe(10 + 5);
        const firstGroups = await store.listGroups(org.id, { tier: 'related', limit: 4 });
        const restGroups = await store.listGroups(org.id, { tier: 'related', limit: 4, cursor: firstGroups.nextCursor });
        expect([...firstGroups.items, ...restGroups.items]).toEqual(groups.items);
        expect(restGroups.nextCursor).toBeUndefined();
        const small = await store.listAccounts(org.id, { groupSize: { tier: 'related', maxSize: 2 } });
        expect(small.items.map((s) => s.account.id)).toEqual(allIds.slice(40));
        const big = await store.listAccounts(org.id, { groupSize: { tier: 'family', minSize: 4 }, industry: 'Software' });
        expect(big.total).toBe(10);
      });

      it('copies the untouched accounts of the current version for an incremental run', async () => {
        const org = await store.createOrganisation('a');
        await store.upsertAccounts(org.id, makeAccounts(40));
        await completeRun(store, org.id, makeResults(ids, 'v1'));
        const run = await store.createRun(org.id, { mode: 'incremental' });
        await store.claimRun(org.id, run.id);
        const writer = await store.beginResults(org.id, run.id);
        const touched = ids.slice(8, 16);
        const rewritten = makeResults(ids, 'v2').slice(8, 16);
        await writer.writeAccounts(rewritten.slice(0, 4));
        expect(await writer.copyCurrent({ exclude: touched })).toBe(32);
        await writer.writeAccounts(rewritten.slice(4));
        await writer.commit({ metrics: metricsFor([]), changes: NO_CHANGES });
        const results = (await collect(store.iterateResults(org.id, { chunkSize: 7 }))).flat();
        expect(results.map((r) => r.id)).toEqual(ids);
        const expected = makeResults(ids, 'v1');
        for (let i = 8; i < 16; i++) expected[i] = makeResults(ids, 'v2')[i];
        expect(results.map((r) => r.groups)).toEqual(expected.map((r) => r.groups));
        expect(results[20].related).toHaveLength(7);
      });

      it('gives back what was written: results, assignment and the run changes', async () => {
        const org = await store.createOrganisation('a');
        await store.upsertAccounts(org.id, makeAccounts(40));
        const written = makeResults(ids, 'v1');
        const run = await store.createRun(org.id, { mode: 'full' });
        await store.claimRun(org.id, run.id);
        const writer = await store.beginResults(org.id, run.id);
        await writer.writeAccounts([...written].reverse());
        const changes = { created: ['v1-r0'], merged: [{ into: 'v1-r1', from: ['old-1', 'old-2'] }], split: [], retired: ['old-3'] };
        await writer.commit({ metrics: metricsFor(written), changes });
        const bySort = (r: AccountResult) => ({
          ...r,
          related: [...r.related].sort(
            (x, y) => ['same', 'family', 'related'].indexOf(x.tier) - ['same', 'family', 'related'].indexOf(y.tier) || y.score - x.score || (x.id < y.id ? -1 : 1),
          ),
        });
        const chunks = await collect(store.iterateResults(org.id, { chunkSize: 16 }));
        expect(chunks.map((c) => c.length)).toEqual([16, 16, 8]);
        expect(chunks.flat()).toEqual(written.map(bySort));
        expect(await store.currentAssignment(org.id)).toEqual(written.map((r) => ({ id: r.id, groups: r.groups, component: null })));
        expect(await store.getRunChanges(org.id, run.id)).toEqual(changes);
        expect((await store.getRun(org.id, run.id))?.metrics).toEqual(metricsFor(written));
      });

      it('names the record and field of a bad result, and refuses an account written twice', async () => {
        const org = await store.createOrganisation('a');
        const run = await store.createRun(org.id, { mode: 'full' });
        await expect(store.beginResults(org.id, run.id)).rejects.toThrow(/is queued: cannot write results/);
        await store.claimRun(org.id, run.id);
        const writer = await store.beginResults(org.id, run.id);
        const good = makeResults(ids.slice(0, 4), 'v');
        const bad = structuredClone(good);
        (bad[2].related[1] as { tier: string }).tier = 'cousins';
        await expect(writer.writeAccounts(bad)).rejects.toThrow(/result 2 \(account "p-000002"\): field "related\[1\].tier"/);
        const noGroup = structuredClone(good);
        delete (noGroup[1].groups as Partial<AccountResult['groups']>).family;
        await expect(writer.writeAccounts(noGroup)).rejects.toThrow(/field "groups.family"/);
        await writer.writeAccounts(good);
        await expect(writer.writeAccounts(good.slice(1, 2))).rejects.toThrow(/already written in this run/);
        await writer.commit({ metrics: metricsFor(good), changes: NO_CHANGES });
        expect((await store.currentAssignment(org.id)).map((a) => a.id)).toEqual(ids.slice(0, 4));
      });

      it('writes and reads back 10 000 accounts of results, in several batches', async () => {
        const org = await store.createOrganisation('a');
        const many = makeAccounts(10_000).map((a) => a.id);
        const results = makeResults(many, 'big');
        const run = await store.createRun(org.id, { mode: 'full' });
        await store.claimRun(org.id, run.id);
        const writer = await store.beginResults(org.id, run.id);
        await writer.writeAccounts(results);
        await writer.commit({ metrics: metricsFor(results), changes: NO_CHANGES });
        let count = 0;
        let related = 0;
        for await (const chunk of store.iterateResults(org.id)) {
          count += chunk.length;
          related += chunk.reduce((n, r) => n + r.related.length, 0);
        }
        expect(count).toBe(10_000);
        expect(related).toBe(10_000 * 7);
        expect((await store.listGroups(org.id, { tier: 'same' })).total).toBe(5_000);
      });
    });

    describe('overrides and segments', () => {
      it('keeps one override per unordered pair, the latest kind', async () => {
        const org = await store.createOrganisation('a');
        const first = await store.putOverride(org.id, { a: 'p2', b: 'p1', kind: 'must-link' });
        expect(first).toMatchObject({ a: 'p1', b: 'p2', kind: 'must-link' });
        const second = await store.putOverride(org.id, { a: 'p1', b: 'p2', kind: 'cannot-link' });
        expect(second).toMatchObject({ id: first.id, kind: 'cannot-link' });
        await store.putOverride(org.id, { a: 'p0', b: 'p3', kind: 'must-link' });
        expect((await store.listOverrides(org.id)).map((o) => [o.a, o.b, o.kind])).toEqual([
          ['p0', 'p3', 'must-link'],
          ['p1', 'p2', 'cannot-link'],
        ]);
        await expect(store.putOverride(org.id, { a: 'p1', b: 'p1', kind: 'must-link' })).rejects.toThrow(/two different/);
        await expect(store.putOverride(org.id, { a: 'p1', b: 'p4', kind: 'maybe' as never })).rejects.toThrow(/field "kind"/);
        expect(await store.deleteOverride(org.id, first.id)).toBe(true);
        expect(await store.deleteOverride(org.id, first.id)).toBe(false);
        expect(await store.listOverrides(org.id)).toHaveLength(1);
      });

      it('creates, reads, updates and deletes saved segments', async () => {
        const org = await store.createOrganisation('a');
        const definition = {
          filter: { and: [{ field: 'industry', op: 'eq', value: 'Software' }, { field: 'open_opportunity_over_1m', op: 'eq', value: true }] },
          includeRelated: { tiers: ['same', 'family', 'related'] },
        };
        const segment = await store.createSegment(org.id, { name: 'Big software', definition });
        expect(segment).toMatchObject({ name: 'Big software', description: null, definition });
        expect(await store.getSegment(org.id, segment.id)).toEqual(segment);
        const updated = await store.updateSegment(org.id, segment.id, { description: 'CA too', definition: { filter: { field: 'state', op: 'eq', value: 'CA' } } });
        expect(updated).toMatchObject({ name: 'Big software', description: 'CA too', definition: { filter: { field: 'state' } } });
        await store.createSegment(org.id, { name: 'Second', definition: {} });
        expect((await store.listSegments(org.id)).map((s) => s.name)).toEqual(['Big software', 'Second']);
        await expect(store.createSegment(org.id, { name: '', definition: {} })).rejects.toThrow(/field "name"/);
        await expect(store.createSegment(org.id, { name: 'x' } as never)).rejects.toThrow(/field "definition"/);
        expect(await store.deleteSegment(org.id, segment.id)).toBe(true);
        expect(await store.getSegment(org.id, segment.id)).toBeUndefined();
        expect(await store.updateSegment(org.id, segment.id, { name: 'gone' })).toBeUndefined();
      });
    });

    it('never shows one organisation anything of another', async () => {
      const a = await store.createOrganisation('a');
      const b = await store.createOrganisation('b');
      await store.upsertAccounts(a.id, makeAccounts(16));
      const aIds = makeAccounts(16).map((x) => x.id);
      const runA = await completeRun(store, a.id, makeResults(aIds, 'a'));
      const keyA = await store.createApiKey(a.id);
      const overrideA = await store.putOverride(a.id, { a: aIds[0], b: aIds[1], kind: 'must-link' });
      const segmentA = await store.createSegment(a.id, { name: 's', definition: {} });
      const queuedA = await store.createRun(a.id, { mode: 'incremental' });

      // B reads nothing of A, by any method, even with A's ids.
      expect(await store.getAccount(b.id, aIds[0])).toBeUndefined();
      expect(await store.getAccounts(b.id, aIds)).toEqual([]);
      expect((await store.listAccounts(b.id)).total).toBe(0);
      expect((await store.listAccounts(b.id, { ids: aIds, search: 'company' })).total).toBe(0);
      expect(await store.countAccounts(b.id)).toBe(0);
      expect(await store.accountSeq(b.id)).toBe(0);
      expect((await store.listAccountChanges(b.id, 0)).changes).toEqual([]);
      expect(await collect(store.iterateAccounts(b.id))).toEqual([]);
      expect(await store.getRun(b.id, runA.id)).toBeUndefined();
      expect((await store.listRuns(b.id)).total).toBe(0);
      expect(await store.activeRun(b.id)).toBeUndefined();
      expect(await store.lastSuccessfulRun(b.id)).toBeUndefined();
      expect(await store.currentResultsRun(b.id)).toBeUndefined();
      expect(await store.getRunChanges(b.id, runA.id)).toBeUndefined();
      expect((await store.getRelated(b.id, aIds[0])).total).toBe(0);
      expect(await store.getAccountGroups(b.id, aIds[0])).toBeUndefined();
      expect((await store.getAccountGroupsMany(b.id, aIds)).size).toBe(0);
      expect((await store.getGroupMembers(b.id, 'same', 'a-s0')).total).toBe(0);
      expect((await store.listGroups(b.id)).total).toBe(0);
      expect(await collect(store.iterateResults(b.id))).toEqual([]);
      expect(await store.currentAssignment(b.id)).toEqual([]);
      expect(await store.listOverrides(b.id)).toEqual([]);
      expect(await store.getSegment(b.id, segmentA.id)).toBeUndefined();
      expect(await store.listSegments(b.id)).toEqual([]);
      expect(await store.listApiKeys(b.id)).toEqual([]);

      // B changes nothing of A.
      expect(await store.deleteAccount(b.id, aIds[0])).toBe(false);
      expect(await store.claimRun(b.id, queuedA.id)).toBeUndefined();
      await expect(store.updateRun(b.id, queuedA.id, { status: 'failed' })).rejects.toBeInstanceOf(NotFoundError);
      await expect(store.beginResults(b.id, queuedA.id)).rejects.toBeInstanceOf(NotFoundError);
      expect(await store.deleteOverride(b.id, overrideA.id)).toBe(false);
      expect(await store.updateSegment(b.id, segmentA.id, { name: 'taken' })).toBeUndefined();
      expect(await store.deleteSegment(b.id, segmentA.id)).toBe(false);
      expect(await store.revokeApiKey(b.id, keyA.info.id)).toBe(false);
      // Same ids in B are B's own records, and runs of B do not block A.
      await store.upsertAccounts(b.id, [{ id: aIds[0], name: 'B own' }]);
      const runB = await store.createRun(b.id, { mode: 'full' });
      expect(runB.status).toBe('queued');

      expect((await store.getAccount(a.id, aIds[0]))?.account).toEqual(makeAccounts(1)[0]);
      expect((await store.getAccount(b.id, aIds[0]))?.account).toEqual({ id: aIds[0], name: 'B own' });
      expect(await store.countAccounts(a.id)).toBe(16);
      expect((await store.getRun(a.id, queuedA.id))?.status).toBe('queued');
      expect(await store.listOverrides(a.id)).toEqual([overrideA]);
      expect(await store.getSegment(a.id, segmentA.id)).toEqual(segmentA);
      expect((await store.findOrganisationByApiKey(keyA.key))?.organisation.id).toBe(a.id);
      expect((await store.getRelated(a.id, aIds[0])).total).toBe(7);
    });

    describe('schema migrations', () => {
      it('records every migration', async () => {
        expect(await store.schemaVersion()).toBe(MIGRATIONS.length);
      });

      persistentIt?.('applies nothing when a migrated database is reopened', async () => {
        const org = await store.createOrganisation('kept');
        await store.upsertAccounts(org.id, makeAccounts(3));
        await store.close();
        opened.splice(opened.indexOf(store), 1);
        const again = await open();
        expect(await again.schemaVersion()).toBe(MIGRATIONS.length);
        expect(await again.countAccounts(org.id)).toBe(3);
        const rows = await harness.raw!('SELECT version, name FROM schema_migrations ORDER BY version');
        expect(rows.map((r) => [Number(r.version), r.name])).toEqual(MIGRATIONS.map((m) => [m.version, m.name]));
      });

      persistentIt?.('carries results written under schema version 1 over to the current schema', async () => {
        const h = await freshHarness();
        await h.migrateTo!(1);
        const reasons = (n: number) => JSON.stringify([{ factor: 'name', detail: `token ${n}`, contribution: 0.25 }]);
        for (const sql of [
          "INSERT INTO organisations (id, name, created_at, account_seq, current_version, current_run_id) VALUES ('o1', 'old', 0, 2, 1, 'r1')",
          "INSERT INTO accounts (org_id, id, record, seq, deleted, created_at, updated_at) VALUES ('o1', 'a', '{\"id\":\"a\",\"name\":\"A\"}', 1, 0, 0, 0), ('o1', 'b', '{\"id\":\"b\",\"name\":\"B\"}', 2, 0, 0, 0)",
          "INSERT INTO runs (id, org_id, mode, trigger, status, stage, percent, account_seq, result_version, created_at) VALUES ('r1', 'o1', 'full', 'api', 'succeeded', 'done', 100, 2, 1, 0)",
          "INSERT INTO result_versions (org_id, run_id, state, created_at) VALUES ('o1', 'r1', 'committed', 0)",
          "INSERT INTO result_accounts (version, account_id, same_group, family_group, related_group) VALUES (1, 'a', 's1', 'f1', 'r1'), (1, 'b', 's2', 'f1', 'r1'), (1, 'c', 's3', 'f2', 'r2')",
          `INSERT INTO result_related (version, account_id, ord, related_id, tier, relation, score, reasons) VALUES (1, 'a', 1, 'c', 'related', 'similar-name', 0.3, '${reasons(2)}'), (1, 'a', 0, 'b', 'family', 'shared-domain', 0.75, '${reasons(1)}'), (1, 'b', 0, 'a', 'family', 'shared-domain', 0.75, '${reasons(1)}')`,
          "INSERT INTO result_groups (version, tier, group_id, size) VALUES (1, 'same', 's1', 1), (1, 'same', 's2', 1), (1, 'same', 's3', 1), (1, 'family', 'f1', 2), (1, 'family', 'f2', 1), (1, 'related', 'r1', 2), (1, 'related', 'r2', 1)",
        ]) {
          await h.raw!(sql);
        }
        const migrated = await open();
        expect(await migrated.schemaVersion()).toBe(MIGRATIONS.length);
        const lookup = await migrated.lookupRelated('o1', 'a');
        expect(lookup?.page.items.map((r) => [r.id, r.fields])).toEqual([
          ['b', { name: 'B', website: null, domain: null, parentId: null, phone: null, address: null, state: null, country: null, industry: null, source: null }],
          ['c', null],
        ]);
        const related = await migrated.getRelated('o1', 'a');
        expect(related.items).toEqual([
          { id: 'b', tier: 'family', relation: 'shared-domain', score: 0.75, reasons: JSON.parse(reasons(1)), account: { id: 'b', name: 'B' } },
          { id: 'c', tier: 'related', relation: 'similar-name', score: 0.3, reasons: JSON.parse(reasons(2)), account: null },
        ]);
        const results = (await collect(migrated.iterateResults('o1'))).flat();
        expect(results.map((r) => [r.id, r.related.length])).toEqual([
          ['a', 2],
          ['b', 1],
          ['c', 0],
        ]);
        expect(await migrated.getAccountGroups('o1', 'a')).toEqual({
          groups: { same: 's1', family: 'f1', related: 'r1' },
          sizes: { same: 1, family: 2, related: 2 },
          runId: 'r1',
        });
      });

      persistentIt?.('refuses a database migrated by a newer version', async () => {
        await harness.raw!(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (${MIGRATIONS.length + 1}, 'future', 0)`);
        const error = await harness.open().catch((e: unknown) => e);
        expect(error).toBeInstanceOf(MigrationError);
        expect((error as Error).message).toMatch(/newer than this Kindred knows/);
      });
    });
  });
}
