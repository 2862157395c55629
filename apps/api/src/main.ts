import { readConfig } from './config.js';
import { startService } from './server.js';

const service = await startService(readConfig());
console.log(`Kindred listening on ${service.url} (API under ${service.url}/v1, OpenAPI at ${service.url}/v1/openapi.json)`);
const demo = service.demo;
if (demo?.key) {
  console.log(`Demo organisation "${demo.organisation.name}"${demo.loaded ? ': demo data loaded, first clustering started' : ''}.`);
  console.log(`API key (sign in with it, or send "Authorization: Bearer <key>"):\n${demo.key}`);
}
if (demo?.runId) {
  const orgId = demo.organisation.id;
  const runId = demo.runId;
  void service.services.runs.settled(orgId).then(async () => {
    const run = await service.services.store.getRun(orgId, runId);
    if (run?.status === 'succeeded' && run.metrics) {
      console.log(`First clustering done: ${run.metrics.totalAccounts} accounts, ${run.metrics.groups} groups.`);
    } else if (run) {
      console.log(`First clustering ${run.status}: ${run.message ?? ''}`);
    }
  });
}

// A second signal stops at once, unless it comes right after the first (Ctrl-C reaches both
// `npm start` and this process, and `npm start` passes it on).
let stoppingSince = 0;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stoppingSince > 0) {
      if (Date.now() - stoppingSince > 2_000) process.exit(1);
      return;
    }
    stoppingSince = Date.now();
    console.log(`${signal}: finishing requests and runs, then stopping`);
    service.close().then(
      () => process.exit(0),
      (err) => {
        console.error('shutdown failed:', err);
        process.exit(1);
      },
    );
  });
}
