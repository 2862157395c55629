#!/usr/bin/env node
// `npm start`: builds what is missing, then serves the API and the viewer on one port with the
// demo data in ./data (loaded into an empty database, reused on later starts).
//
// Environment (all optional): PORT (8080), KINDRED_DB (./data/kindred.db), KINDRED_DEMO (1),
// KINDRED_HOST (127.0.0.1 here: the demo key is printed, so the demo listens on this machine
// only; set 0.0.0.0 to serve others), KINDRED_SCHEDULE, KINDRED_CORS_ORIGINS.
//
// The demo key is kept in ./data/demo-key.txt (owner-readable only) so that a second start can
// print it again; delete the file to get a new key on the next start.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

function step(message) {
  console.log(`kindred: ${message}`);
}

function run(command, args, cwd = root) {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', env: process.env });
  if (result.status !== 0) {
    console.error(`kindred: "${command} ${args.join(' ')}" failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
}

// 1. The kernel's WebAssembly (normally built by `npm install`).
if (!existsSync(path.join(root, 'packages/kernel/build/kernel.wasm'))) {
  step('building the kernel (WebAssembly)');
  run(npm, ['run', 'build', '-w', '@kindred/kernel']);
}

// 2. The viewer, when the project has one and it is not built yet.
const viewer = path.join(root, 'apps/viewer');
if (existsSync(path.join(viewer, 'index.html')) && !existsSync(path.join(viewer, 'dist/index.html'))) {
  step('building the viewer');
  run(npx, ['vite', 'build'], viewer);
}

// 3. The data folder and the service's environment.
const env = { ...process.env };
env.KINDRED_DB ||= './data/kindred.db';
env.KINDRED_DEMO ||= '1';
env.KINDRED_HOST ||= '127.0.0.1';
env.PORT ||= '8080';
const dbIsFile = env.KINDRED_DB !== ':memory:' && !/^postgres(ql)?:\/\//i.test(env.KINDRED_DB);
if (dbIsFile) mkdirSync(path.dirname(path.resolve(root, env.KINDRED_DB)), { recursive: true });
mkdirSync(path.join(root, 'data'), { recursive: true });
env.KINDRED_DEMO_KEY_FILE ||= './data/demo-key.txt';

// 4. The service: loads the demo data into an empty database, creates the demo key, starts the
// first run, serves, and prints the URL and the key.
step(`starting the service (database ${env.KINDRED_DB})`);
const child = spawn(process.execPath, ['--import', 'tsx', 'apps/api/src/main.ts'], { cwd: root, stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => {
  process.exit(code ?? (signal ? 128 + 15 : 1));
});
