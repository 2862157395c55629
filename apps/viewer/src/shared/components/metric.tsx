import type { ReactNode } from 'react';

/** One labelled figure of a metrics card. */
export function Metric({ label, value }: { label: string; value: ReactNode }) {
  return (
    <div className="metric">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
