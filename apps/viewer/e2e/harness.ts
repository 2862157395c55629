/** End-to-end harness: the real API (apps/api main) on 127.0.0.1 with a temp SQLite file and the
 * demo data, serving the built viewer; headless Chromium driven by playwright-core. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const VIEWER_DIR = fileURLToPath(new URL('..', import.meta.url));
export const REPO_DIR = path.resolve(VIEWER_DIR, '../..');
export const DIST_DIR = path.join(VIEWER_DIR, 'dist');
export const ARTIFACTS_DIR = path.join(VIEWER_DIR, 'artifacts');
export const CHROMIUM = process.env.KINDRED_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface RunningApi {
  url: string;
  key: string;
  stop(): Promise<void>;
  output(): string;
}

/** A port nobody listens on right now. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts `apps/api/src/main.ts` as `npm start` does, on a free port of 127.0.0.1, with the demo
 * data; the demo key is read from the key file the service writes. */
export async function startApi(options: { env?: Record<string, string>; timeoutMs?: number } = {}): Promise<RunningApi> {
  if (!existsSync(path.join(DIST_DIR, 'index.html'))) {
    throw new Error(`The built viewer is missing (${DIST_DIR}/index.html): run "vite build" in apps/viewer first.`);
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kindred-viewer-e2e-'));
  const tsx = path.join(REPO_DIR, 'node_modules', '.bin', 'tsx');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const keyFile = path.join(dataDir, 'demo.key');
  const child: ChildProcess = spawn(tsx, [path.join(REPO_DIR, 'apps/api/src/main.ts')], {
    cwd: REPO_DIR,
    env: {
      ...process.env,
      PORT: String(port),
      KINDRED_DEMO_KEY_FILE: keyFile,
      KINDRED_HOST: '127.0.0.1',
      KINDRED_DB: path.join(dataDir, 'kindred.db'),
      KINDRED_DEMO: '1',
      KINDRED_SCHEDULE: 'off',
      KINDRED_VIEWER_DIR: DIST_DIR,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + (options.timeoutMs ?? 90_000);
  while (Date.now() < deadline && child.exitCode === null) {
    const ready = await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready && existsSync(keyFile)) {
      const key = readFileSync(keyFile, 'utf8').trim();
      if (key) return { url, key, stop, output: () => out };
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  throw new Error(`The API did not start (exit ${child.exitCode}); it printed:\n${out}`);
}

/** Headless Chromium; fails with a clear message when it is not installed. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}: the end-to-end tests need it (Debian: apt-get install chromium; or set KINDRED_CHROMIUM).`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS_DIR, `${name}.png`), fullPage: true });
}

/** Waits (bounded) until `check` resolves true, polling the API. */
export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
}

export async function apiGet<T>(api: RunningApi, pathname: string): Promise<T> {
  const res = await fetch(api.url + pathname, { headers: { Authorization: `Bearer ${api.key}` } });
  if (!res.ok) throw new Error(`GET ${pathname}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
