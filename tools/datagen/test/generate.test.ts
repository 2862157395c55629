import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, generateAccounts, streamAccounts, toCsvRow, type GeneratedAccount } from '../src/index.js';

const sample = generateAccounts({ accounts: 20_000, seed: 7 });

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

describe('generateAccounts', () => {
  it('gives exactly the number asked, with unique ids', () => {
    expect(sample).toHaveLength(20_000);
    expect(new Set(sample.map((a) => a.id)).size).toBe(20_000);
    expect(generateAccounts({ accounts: 0, seed: 1 })).toEqual([]);
    expect(generateAccounts({ accounts: 1, seed: 1 })).toHaveLength(1);
  });

  it('is deterministic per seed and differs between seeds', () => {
    expect(generateAccounts({ accounts: 500, seed: 7 })).toEqual(generateAccounts({ accounts: 500, seed: 7 }));
    const other = generateAccounts({ accounts: 500, seed: 8 });
    expect(other.map((a) => a.name)).not.toEqual(sample.slice(0, 500).map((a) => a.name));
  });

  it('nests entities in families: one entity never spans two families', () => {
    const families = new Map<string, string>();
    for (const a of sample) {
      const seen = families.get(a.true_entity);
      if (seen !== undefined) expect(seen).toBe(a.true_family);
      families.set(a.true_entity, a.true_family);
    }
    const entitiesPerFamily = groupBy([...families], ([, family]) => family);
    const sizes = [...entitiesPerFamily.values()].map((e) => e.length);
    expect(sizes.filter((s) => s === 1).length / sizes.length).toBeGreaterThan(0.4);
    expect(Math.max(...sizes)).toBeGreaterThanOrEqual(15);
  });

  it('has duplicate records of one business across source systems', () => {
    const byEntity = groupBy(sample, (a) => a.true_entity);
    const multi = [...byEntity.values()].filter((records) => records.length > 1);
    expect(multi.length / byEntity.size).toBeGreaterThan(0.3);
    const crossSource = multi.filter((records) => new Set(records.map((r) => r.source)).size > 1);
    expect(crossSource.length / multi.length).toBeGreaterThan(0.7);
    // Duplicates differ: not every record of a business spells the name the same way.
    const differentNames = multi.filter((records) => new Set(records.map((r) => r.name)).size > 1);
    expect(differentNames.length / multi.length).toBeGreaterThan(0.5);
  });

  it('links subsidiaries to a record of their family, with a few dangling and self links', () => {
    const byId = new Map(sample.map((a) => [a.id, a]));
    let inFamily = 0;
    let dangling = 0;
    let self = 0;
    for (const a of sample) {
      if (!a.parentId) continue;
      const parent = byId.get(a.parentId);
      if (a.parentId === a.id) self++;
      else if (!parent) dangling++;
      else {
        expect(parent.true_family).toBe(a.true_family);
        expect(parent.true_entity).not.toBe(a.true_entity);
        inFamily++;
      }
    }
    expect(inFamily).toBeGreaterThan(500);
    expect(dangling).toBeGreaterThan(0);
    expect(dangling + self).toBeLessThan(inFamily / 20);
  });

  it('has acquired companies: family members with names sharing no word with the parent', () => {
    const byId = new Map(sample.map((a) => [a.id, a]));
    const words = (s: string | undefined) => new Set((s ?? '').toLowerCase().split(/\W+/).filter((w) => w.length > 3));
    let acquired = 0;
    for (const a of sample) {
      const parent = a.parentId ? byId.get(a.parentId) : undefined;
      if (!parent || parent.true_family !== a.true_family) continue;
      const mine = words(a.name);
      if (![...words(parent.name)].some((w) => mine.has(w))) acquired++;
    }
    expect(acquired).toBeGreaterThan(100);
  });

  it('has decoys: unrelated families whose names share a word', () => {
    const familiesByFirstWord = groupBy(
      sample.filter((a) => a.name),
      (a) => a.name!.trim().split(/\s+/)[0].toLowerCase(),
    );
    const shared = [...familiesByFirstWord.values()].filter((records) => new Set(records.map((r) => r.true_family)).size >= 5);
    expect(shared.length).toBeGreaterThan(20);
  });

  it('carries the noise of real data', () => {
    const count = (pred: (a: GeneratedAccount) => boolean) => sample.filter(pred).length;
    const websites = sample.filter((a) => a.website).map((a) => a.website!);
    expect(websites.some((w) => w.startsWith('www.'))).toBe(true);
    expect(websites.some((w) => /^https?:\/\/.*\/\w+/.test(w))).toBe(true);
    expect(websites.some((w) => w === w.toUpperCase() && /[A-Z]/.test(w))).toBe(true);
    expect(websites.some((w) => /facebook\.com|linkedin\.com|wixsite\.com|github\.io/.test(w))).toBe(true);
    expect(count((a) => /@(gmail|yahoo|hotmail|outlook|aol)\.com$/.test(a.email ?? ''))).toBeGreaterThan(100);
    expect(count((a) => /^\(\d{3}\) ?\d{3}-\d{4}$/.test(a.phone ?? ''))).toBeGreaterThan(100);
    expect(count((a) => /^\d{10}$/.test(a.phone ?? ''))).toBeGreaterThan(100);
    expect(count((a) => /^\+\d/.test(a.phone ?? ''))).toBeGreaterThan(100);
    expect(count((a) => a.name !== undefined && a.name === a.name.toUpperCase() && /[A-Z]/.test(a.name))).toBeGreaterThan(50);
    expect(count((a) => /\b(GmbH|B\.V\.|K\.K\.|Pty Ltd|S\.p\.A\.|Oy|A\/S)\b/.test(a.name ?? ''))).toBeGreaterThan(100);
    for (const field of ['website', 'phone', 'address', 'industry', 'parentId'] as const) {
      expect(count((a) => a[field] === undefined)).toBeGreaterThan(1000);
    }
  });

  it('streams: the first records of a huge data set come without building it', () => {
    const it = streamAccounts({ accounts: 1e12, seed: 3 });
    const first: GeneratedAccount[] = [];
    for (const a of it) {
      first.push(a);
      if (first.length === 10) break;
    }
    expect(first).toHaveLength(10);
  });

  it('refuses a negative count', () => {
    expect(() => generateAccounts({ accounts: -1 })).toThrow(/non-negative/);
  });

  it('lays records out as CSV rows in the column order', () => {
    const row = toCsvRow(sample[0]);
    expect(row).toHaveLength(CSV_COLUMNS.length);
    expect(row[0]).toBe(sample[0].id);
    expect(row[CSV_COLUMNS.indexOf('true_family')]).toBe(sample[0].true_family);
    expect(row[CSV_COLUMNS.indexOf('parent_id')]).toBe(sample[0].parentId ?? '');
  });
});
