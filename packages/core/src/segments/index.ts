export { spelledValue, spelledEquals, spelledCompare, foldText, type SpelledValue } from './value.js';
export { compileFilter, describeFilter, type SegmentRecord, type RecordPredicate } from './filter.js';
export {
  evaluateSegment,
  type SegmentEvaluation,
  type SegmentRelation,
  type RelatedLookup,
} from './evaluate.js';
