import { SingleBar } from 'cli-progress';

/** Progress of a long run, drawn on a terminal; silent when the stream is not one. */
export interface Progress {
  update(stage: string, done: number, total: number): void;
  stop(): void;
}

export function createProgress(stream: NodeJS.WritableStream & { isTTY?: boolean }, enabled = stream.isTTY === true): Progress {
  if (!enabled) return { update() {}, stop() {} };
  const bar = new SingleBar({
    stream,
    format: '{stage} [{bar}] {percentage}%',
    hideCursor: true,
    clearOnComplete: true,
    barsize: 30,
    fps: 10,
  });
  let started = false;
  let current = '';
  return {
    update(stage, done, total) {
      const t = Math.max(total, 1);
      if (!started) {
        bar.start(t, done, { stage: stage.padEnd(10) });
        started = true;
      } else if (stage !== current) {
        bar.setTotal(t);
      }
      current = stage;
      bar.update(Math.min(done, t), { stage: stage.padEnd(10) });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
