import { readConfig } from './config.js';
import { startService } from './server.js';

const service = await startService(readConfig());
console.log(`Kindred API listening on ${service.url}`);
if (service.demo?.key) {
  console.log(`Demo organisation "${service.demo.organisation.name}"${service.demo.loaded ? ' loaded; first run started' : ''}.`);
  console.log(`API key:\n${service.demo.key}`);
}

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) {
      process.exit(1);
    }
    stopping = true;
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
