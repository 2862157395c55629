import { RELATIONS, TIERS, type Relation, type Tier } from '@kindred/contract';
import { RELATION_LABELS, TIER_LABELS } from '../../../shared/format/labels.js';

function toggle<T>(list: T[], item: T, on: boolean): T[] {
  return on ? [...list, item] : list.filter((x) => x !== item);
}

export function IncludeRelatedControls({
  enabled,
  tiers,
  relations,
  onChange,
}: {
  enabled: boolean;
  tiers: Tier[];
  relations: Relation[];
  onChange: (v: { enabled: boolean; tiers: Tier[]; relations: Relation[] }) => void;
}) {
  return (
    <div className="include-related">
      <label className="switch">
        <input
          type="checkbox"
          role="switch"
          checked={enabled}
          aria-checked={enabled}
          onChange={(e) => onChange({ enabled: e.target.checked, tiers, relations })}
        />
        Include related accounts
      </label>
      {enabled && (
        <div className="filters">
          <fieldset>
            <legend>Tiers</legend>
            {TIERS.map((t) => (
              <label key={t} className="check">
                <input
                  type="checkbox"
                  checked={tiers.includes(t)}
                  onChange={(e) => onChange({ enabled, tiers: toggle(tiers, t, e.target.checked), relations })}
                />
                {TIER_LABELS[t]}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>Relations (none ticked: all)</legend>
            {RELATIONS.map((r) => (
              <label key={r} className="check">
                <input
                  type="checkbox"
                  checked={relations.includes(r)}
                  onChange={(e) => onChange({ enabled, tiers, relations: toggle(relations, r, e.target.checked) })}
                />
                {RELATION_LABELS[r]}
              </label>
            ))}
          </fieldset>
        </div>
      )}
    </div>
  );
}
