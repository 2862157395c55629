import { useState } from 'react';
import { emptyBuilder } from './filter-model.js';
import { SegmentEditor } from './segment-editor.js';
import { SegmentList } from './segment-list.js';

/** Saved segments, and a builder for a new one. */
export function SegmentsView() {
  const [initial] = useState(emptyBuilder);
  return (
    <section className="page">
      <header className="page-header">
        <h1>Segments</h1>
      </header>
      <section className="card" aria-label="Saved segments">
        <h2>Saved segments</h2>
        <SegmentList />
      </section>
      <h2>New segment</h2>
      <SegmentEditor initial={initial} />
    </section>
  );
}
