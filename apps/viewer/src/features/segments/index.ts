export { SegmentsView } from './components/segments-view.js';
export { SavedSegmentView } from './components/saved-segment-view.js';
