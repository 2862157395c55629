import { RELATIONS, TIERS } from '@kindred/contract';
import { RELATION_LABELS, TIER_LABELS } from '../../../shared/format/labels.js';
import type { RelatedFilter } from '../api/related-api.js';

function toggle<T>(list: T[], item: T, on: boolean): T[] {
  return on ? [...list, item] : list.filter((x) => x !== item);
}

/** Tier and relation checkboxes; nothing ticked means "all". */
export function RelatedFilters({ value, onChange }: { value: RelatedFilter; onChange: (f: RelatedFilter) => void }) {
  return (
    <div className="filters">
      <fieldset>
        <legend>Tier</legend>
        {TIERS.map((t) => (
          <label key={t} className="check">
            <input
              type="checkbox"
              checked={value.tiers.includes(t)}
              onChange={(e) => onChange({ ...value, tiers: toggle(value.tiers, t, e.target.checked) })}
            />
            {TIER_LABELS[t]}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Relation</legend>
        {RELATIONS.map((r) => (
          <label key={r} className="check">
            <input
              type="checkbox"
              checked={value.relations.includes(r)}
              onChange={(e) => onChange({ ...value, relations: toggle(value.relations, r, e.target.checked) })}
            />
            {RELATION_LABELS[r]}
          </label>
        ))}
      </fieldset>
    </div>
  );
}
