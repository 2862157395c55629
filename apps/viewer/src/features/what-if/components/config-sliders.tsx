import { FACTORS, type ClusterConfig, type Factor } from '@kindred/contract';
import { useId, useRef, type KeyboardEvent } from 'react';
import { formatCount, formatScore } from '../../../shared/format/format.js';

const FACTOR_LABELS: Record<Factor, string> = {
  parent: 'Parent account link',
  domain: 'Web domain',
  name: 'Account name',
  phone: 'Phone',
  address: 'Address',
  state: 'State',
  industry: 'Industry',
};

type Threshold = keyof ClusterConfig['thresholds'];
const THRESHOLDS: { key: Threshold; label: string }[] = [
  { key: 'sameDistance', label: 'Same business: distance up to' },
  { key: 'familyDistance', label: 'Family: distance up to' },
  { key: 'relatedDistance', label: 'Related: distance up to' },
];
const ORDER: Threshold[] = ['sameDistance', 'familyDistance', 'relatedDistance'];

/** Keeps same ≤ family ≤ related by moving the neighbours of the threshold that moved. */
export function withThreshold(t: ClusterConfig['thresholds'], key: Threshold, value: number): ClusterConfig['thresholds'] {
  const next = { ...t, [key]: value };
  const i = ORDER.indexOf(key);
  for (let j = i + 1; j < ORDER.length; j++) if (next[ORDER[j]!] < value) next[ORDER[j]!] = value;
  for (let j = i - 1; j >= 0; j--) if (next[ORDER[j]!] > value) next[ORDER[j]!] = value;
  return next;
}

const RELEASE_KEYS = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'PageUp', 'PageDown', 'Home', 'End']);

function Slider({
  label,
  value,
  min,
  max,
  step,
  format,
  onInput,
  onRelease,
}: {
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  format: (n: number) => string;
  onInput: (n: number) => void;
  onRelease: () => void;
}) {
  const id = useId();
  return (
    <div className="slider">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="range"
        min={min}
        max={max}
        step={step}
        value={value}
        onChange={(e) => onInput(Number(e.target.value))}
        onPointerUp={onRelease}
        onKeyUp={(e: KeyboardEvent) => RELEASE_KEYS.has(e.key) && onRelease()}
      />
      <output htmlFor={id}>{format(value)}</output>
    </div>
  );
}

/** Sliders for factor weights, tier thresholds and group cap, and the linkage method. The
 * configuration is committed on release (pointer up, or a key that moved the slider). */
export function ConfigSliders({
  value,
  onChange,
  onCommit,
  disabled,
}: {
  value: ClusterConfig;
  onChange: (c: ClusterConfig) => void;
  onCommit: (c: ClusterConfig) => void;
  disabled?: boolean;
}) {
  const latest = useRef(value);
  latest.current = value;
  const set = (c: ClusterConfig) => {
    latest.current = c;
    onChange(c);
  };
  const release = () => onCommit(latest.current);
  const linkageId = useId();

  return (
    <fieldset className="sliders" disabled={disabled}>
      <legend className="sr-only">Clustering settings</legend>
      <section>
        <h3>Factor weights</h3>
        {FACTORS.map((f) => (
          <Slider
            key={f}
            label={FACTOR_LABELS[f]}
            value={value.weights[f]}
            min={0}
            max={1}
            step={0.05}
            format={formatScore}
            onInput={(n) => set({ ...value, weights: { ...value.weights, [f]: n } })}
            onRelease={release}
          />
        ))}
      </section>
      <section>
        <h3>Tier thresholds</h3>
        {THRESHOLDS.map((t) => (
          <Slider
            key={t.key}
            label={t.label}
            value={value.thresholds[t.key]}
            min={0}
            max={1}
            step={0.01}
            format={formatScore}
            onInput={(n) => set({ ...value, thresholds: withThreshold(value.thresholds, t.key, n) })}
            onRelease={release}
          />
        ))}
        <h3>Groups</h3>
        <Slider
          label="Largest group allowed"
          value={value.maxGroupSize}
          min={2}
          max={200}
          step={1}
          format={formatCount}
          onInput={(n) => set({ ...value, maxGroupSize: n })}
          onRelease={release}
        />
        <div className="field">
          <label htmlFor={linkageId}>Linkage method</label>
          <select
            id={linkageId}
            value={value.linkage}
            onChange={(e) => {
              const c = { ...value, linkage: e.target.value as ClusterConfig['linkage'] };
              set(c);
              onCommit(c);
            }}
          >
            <option value="single">single</option>
            <option value="average">average</option>
            <option value="complete">complete</option>
          </select>
        </div>
      </section>
    </fieldset>
  );
}
