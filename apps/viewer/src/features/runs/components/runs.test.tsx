import type { RunView } from '@kindred/contract';
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ChangeLog } from './change-log.js';
import { RunMetricsCard } from './run-metrics-card.js';
import { runsPerDay } from './runs-chart.js';

const run = (over: Partial<RunView>): RunView => ({
  id: 'run-1',
  mode: 'full',
  trigger: 'api',
  status: 'succeeded',
  progress: { stage: 'done', percent: 100 },
  message: null,
  metrics: {
    totalAccounts: 5005,
    groups: 3120,
    singleAccountGroups: 2500,
    largestGroupSize: 30,
    medianGroupSize: 1,
    groupsPerTier: { same: 4000, family: 3120, related: 2000 },
    groupSizeHistogram: [{ size: '1', groups: 2500 }],
    candidatePairs: 1,
    cappedBlocks: 0,
    stageMs: { block: 12, link: 40 },
  },
  config: null,
  createdAt: '2026-12-04T10:00:00Z',
  startedAt: '2026-12-04T10:00:00Z',
  finishedAt: '2026-12-04T10:00:02Z',
  elapsedMs: 2000,
  lastSuccessfulRun: { id: 'run-1', finishedAt: '2026-12-04T10:00:02Z' },
  ...over,
});

describe('runsPerDay', () => {
  it('buckets runs into one entry per day, oldest first, by outcome', () => {
    const now = Date.parse('2026-12-04T12:00:00Z');
    const days = runsPerDay(
      [
        run({ id: 'a', createdAt: '2026-12-04T01:00:00Z' }),
        run({ id: 'b', status: 'failed', createdAt: '2026-12-04T02:00:00Z' }),
        run({ id: 'c', status: 'failed', createdAt: '2026-12-02T02:00:00Z' }),
        run({ id: 'old', createdAt: '2026-01-01T00:00:00Z' }),
      ],
      90,
      now,
    );
    expect(days).toHaveLength(90);
    expect(days[89]).toMatchObject({ day: '2026-12-04', succeeded: 1, failed: 1, other: 0 });
    expect(days[87]).toMatchObject({ day: '2026-12-02', succeeded: 0, failed: 1 });
    expect(days.reduce((n, d) => n + d.succeeded + d.failed + d.other, 0)).toBe(3);
  });
});

describe('RunMetricsCard', () => {
  it('shows the metrics people check, formatted', () => {
    render(<RunMetricsCard run={run({ message: 'clustered 5005 accounts' })} />);
    const card = screen.getByRole('article');
    expect(within(card).getByText('Total account profiles').nextSibling).toHaveTextContent(new Intl.NumberFormat().format(5005));
    expect(within(card).getByText('Account groups').nextSibling).toHaveTextContent(new Intl.NumberFormat().format(3120));
    expect(within(card).getByText('Largest group size').nextSibling).toHaveTextContent('30');
    expect(within(card).getByText('clustered 5005 accounts')).toBeInTheDocument();
  });
});

describe('ChangeLog', () => {
  it('lists merged, split, created and retired groups with counts', () => {
    render(<ChangeLog changes={{ created: ['g9'], merged: [{ into: 'g1', from: ['g1', 'g2'] }], split: [], retired: ['g3', 'g4'] }} />);
    expect(screen.getByText('g1 + g2 → g1')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: /Retired/ })).toHaveTextContent('2');
  });

  it('says so when nothing changed', () => {
    render(<ChangeLog changes={{ created: [], merged: [], split: [], retired: [] }} />);
    expect(screen.getByText('No group changed in this run.')).toBeInTheDocument();
  });
});
