import { RunMonitor } from '../../features/runs/index.js';

export function RunsPage() {
  return <RunMonitor />;
}
