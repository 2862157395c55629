import type { RunWarning } from '@kindred/contract';

/** Collects a run's warnings, keeping at most `perKind` of each kind plus one summary line per
 * kind that overflowed, so a million bad rows cannot flood the result. */
export class WarningSink {
  private readonly kept: RunWarning[] = [];
  private readonly counts = new Map<string, number>();
  constructor(private readonly perKind = 1000) {}

  add(warning: RunWarning): void {
    const count = (this.counts.get(warning.kind) ?? 0) + 1;
    this.counts.set(warning.kind, count);
    if (count <= this.perKind) this.kept.push(warning);
  }

  addAll(warnings: Iterable<RunWarning>): void {
    for (const w of warnings) this.add(w);
  }

  /** Warnings sorted by kind, then account, then message; overflow summaries last. */
  list(): RunWarning[] {
    const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
    const out = this.kept
      .slice()
      .sort((a, b) => cmp(a.kind, b.kind) || cmp(a.accountId ?? '', b.accountId ?? '') || cmp(a.message, b.message));
    for (const [kind, count] of [...this.counts].sort((a, b) => cmp(a[0], b[0]))) {
      if (count > this.perKind) {
        out.push({ kind, message: `${count - this.perKind} more warnings of kind ${kind} not listed (${count} in all)` });
      }
    }
    return out;
  }
}
