import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readConfig, startService, type RunningService } from '../src/index.js';
import type { RunView } from '@kindred/contract';

export const ACME_CSV = path.resolve(import.meta.dirname, '../../../tools/datagen/data/acme.csv');

export interface TestService extends RunningService {
  dir: string;
  dbPath: string;
  /** A new organisation with a key; `call` sends requests with that key. */
  organisation(name: string): Promise<Client>;
  stop(): Promise<void>;
}

export interface Client {
  orgId: string;
  key: string;
  call(method: string, route: string, init?: { body?: unknown; raw?: string; type?: string }): Promise<Answer>;
  get(route: string): Promise<Answer>;
  post(route: string, body?: unknown): Promise<Answer>;
  /** Starts a run and polls it until it is no longer queued or running. */
  run(mode?: 'full' | 'incremental'): Promise<RunView>;
  /** Polls a run until it is no longer queued or running (at most 30 s). */
  waitForRun(id: string): Promise<RunView>;
}

export interface Answer {
  status: number;
  type: string;
  body: any;
  headers: Headers;
}

/** Starts the real service on 127.0.0.1 (a free port) with a SQLite file in a fresh folder. */
export async function startTestService(env: Record<string, string> = {}): Promise<TestService> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kindred-api-'));
  const dbPath = path.join(dir, 'kindred.db');
  const quiet = { info: () => undefined, warn: () => undefined, error: (...args: unknown[]) => console.error(...args) };
  const config = readConfig({ PORT: '0', KINDRED_HOST: '127.0.0.1', KINDRED_DB: dbPath, KINDRED_SCHEDULE: 'off', KINDRED_SHUTDOWN_GRACE_MS: '5000', ...env });
  const service = await startService(config, { logger: quiet });
  const base = `http://127.0.0.1:${service.port}`;
  return {
    ...service,
    dir,
    dbPath,
    async organisation(name) {
      const org = await service.services.store.createOrganisation(name);
      const { key } = await service.services.store.createApiKey(org.id);
      return client(base, org.id, key);
    },
    async stop() {
      await service.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function client(base: string, orgId: string, key: string): Client {
  const call: Client['call'] = async (method, route, init = {}) => {
    const headers: Record<string, string> = {};
    if (key) headers.authorization = `Bearer ${key}`;
    let body: string | undefined;
    if (init.raw !== undefined) {
      body = init.raw;
      headers['content-type'] = init.type ?? 'text/csv';
    } else if (init.body !== undefined) {
      body = JSON.stringify(init.body);
      headers['content-type'] = init.type ?? 'application/json';
    }
    const response = await fetch(base + route, { method, headers, body });
    const type = response.headers.get('content-type') ?? '';
    const text = await response.text();
    return { status: response.status, type, body: text && type.includes('json') ? JSON.parse(text) : text, headers: response.headers };
  };
  const get = (route: string) => call('GET', route);
  const post = (route: string, body?: unknown) => call('POST', route, { body: body ?? {} });
  const waitForRun = async (id: string): Promise<RunView> => {
    for (let attempt = 0; attempt < 600; attempt++) {
      const { body } = await get(`/v1/runs/${id}`);
      if (body.status !== 'queued' && body.status !== 'running') return body as RunView;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`run ${id} did not finish in 30 s`);
  };
  return {
    orgId,
    key,
    call,
    get,
    post,
    waitForRun,
    async run(mode = 'full') {
      const started = await post('/v1/runs', { mode });
      if (started.status !== 202) throw new Error(`run not started: ${started.status} ${JSON.stringify(started.body)}`);
      return waitForRun(started.body.id);
    },
  };
}
