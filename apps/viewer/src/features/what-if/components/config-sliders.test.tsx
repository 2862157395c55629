import { ClusterConfigSchema, type ClusterConfig } from '@kindred/contract';
import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { ConfigSliders, withThreshold } from './config-sliders.js';

function Harness({ onCommit }: { onCommit: (c: ClusterConfig) => void }) {
  const [config, setConfig] = useState(() => ClusterConfigSchema.parse({}));
  return <ConfigSliders value={config} onChange={setConfig} onCommit={onCommit} />;
}

describe('ConfigSliders', () => {
  it('commits once the slider is released, not while it moves', () => {
    const onCommit = vi.fn();
    render(<Harness onCommit={onCommit} />);
    const slider = screen.getByRole('slider', { name: 'Web domain' });
    fireEvent.change(slider, { target: { value: '0.3' } });
    fireEvent.change(slider, { target: { value: '0.2' } });
    expect(onCommit).not.toHaveBeenCalled();
    fireEvent.pointerUp(slider);
    expect(onCommit).toHaveBeenCalledTimes(1);
    expect(onCommit.mock.calls[0]![0].weights.domain).toBe(0.2);
  });

  it('commits keyboard moves on key release, and linkage at once', async () => {
    const onCommit = vi.fn();
    render(<Harness onCommit={onCommit} />);
    const slider = screen.getByRole('slider', { name: 'Largest group allowed' });
    fireEvent.change(slider, { target: { value: '31' } });
    fireEvent.keyUp(slider, { key: 'ArrowRight' });
    expect(onCommit.mock.calls.at(-1)![0].maxGroupSize).toBe(31);
    await userEvent.selectOptions(screen.getByLabelText('Linkage method'), 'single');
    expect(onCommit.mock.calls.at(-1)![0].linkage).toBe('single');
  });

  it('keeps the tier thresholds in order', () => {
    const t = { sameDistance: 0.15, familyDistance: 0.45, relatedDistance: 0.75 };
    expect(withThreshold(t, 'sameDistance', 0.6)).toEqual({ sameDistance: 0.6, familyDistance: 0.6, relatedDistance: 0.75 });
    expect(withThreshold(t, 'relatedDistance', 0.1)).toEqual({ sameDistance: 0.1, familyDistance: 0.1, relatedDistance: 0.1 });
  });
});
