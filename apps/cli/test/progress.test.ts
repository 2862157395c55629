import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgress } from '../src/progress.js';

function terminal(isTTY: boolean) {
  let written = '';
  const stream = Object.assign(
    new Writable({
      write(chunk, _encoding, done) {
        written += String(chunk);
        done();
      },
    }),
    { isTTY, columns: 100 },
  );
  return { stream, text: () => written };
}

describe('createProgress', () => {
  it('draws stages and percentages on a terminal', () => {
    const t = terminal(true);
    const progress = createProgress(t.stream);
    progress.update('reading', 50, 100);
    progress.update('compare', 60, 100);
    progress.stop();
    expect(t.text()).toMatch(/reading\s+\[=+-+\] 50%/);
    expect(t.text()).toMatch(/compare\s+\[=+-+\] 60%/);
  });

  it('writes nothing when the stream is not a terminal', () => {
    const t = terminal(false);
    const progress = createProgress(t.stream);
    progress.update('reading', 50, 100);
    progress.stop();
    expect(t.text()).toBe('');
  });
});
