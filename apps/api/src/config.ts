import { DEFAULT_SCHEDULE } from './services/scheduler.js';

/** The service's configuration, from the environment. */
export interface ServiceConfig {
  /** `PORT`, default 8080 (0 picks a free port). */
  port: number;
  /** `KINDRED_HOST`, default `0.0.0.0`. */
  host: string;
  /** `KINDRED_DB`: a SQLite file path, `:memory:` or a `postgres://` URL; default `./data/kindred.db`. */
  db: string;
  /** `KINDRED_PG_SCHEMA`: the PostgreSQL schema to use (created if missing); default `public`. */
  pgSchema?: string;
  /** `KINDRED_DEMO=1`: load the demo data into an empty database. */
  demo: boolean;
  /** `KINDRED_DEMO_KEY_FILE`: where the demo key is kept to be shown again on the next start. */
  demoKeyFile?: string;
  /** `KINDRED_SCHEDULE`: cron pattern of the daily run, or `off`; default once a day at 02:00. */
  schedule: string;
  /** `KINDRED_TZ`: time zone of the schedule; default the server's. */
  timezone?: string;
  /** `KINDRED_CORS_ORIGINS`: `*` or comma-separated origins; default none. */
  corsOrigins: string[] | '*';
  /** `KINDRED_INGEST_LIMIT`: largest ingest body; default `100mb`. */
  ingestLimit: string;
  /** `KINDRED_JSON_LIMIT`: largest other JSON body; default `1mb`. */
  jsonLimit: string;
  /** `KINDRED_VIEWER_DIR`: the built viewer; default `apps/viewer/dist` of this repository. */
  viewerDir?: string;
  /** `KINDRED_SHUTDOWN_GRACE_MS`: how long shutdown waits for an active run; default 30 000. */
  shutdownGraceMs: number;
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer from ${min} to ${max}, not ${JSON.stringify(raw)}`);
  }
  return value;
}

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new Error(`${name} must be 1 or 0, not ${JSON.stringify(env[name])}`);
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  const cors = env.KINDRED_CORS_ORIGINS?.trim();
  return {
    port: integer(env, 'PORT', 8080, 0, 65_535),
    host: env.KINDRED_HOST?.trim() || '0.0.0.0',
    db: env.KINDRED_DB?.trim() || './data/kindred.db',
    pgSchema: env.KINDRED_PG_SCHEMA?.trim() || undefined,
    demo: flag(env, 'KINDRED_DEMO', false),
    demoKeyFile: env.KINDRED_DEMO_KEY_FILE?.trim() || undefined,
    schedule: env.KINDRED_SCHEDULE?.trim() || DEFAULT_SCHEDULE,
    timezone: env.KINDRED_TZ?.trim() || undefined,
    corsOrigins: !cors ? [] : cors === '*' ? '*' : cors.split(',').map((s) => s.trim()).filter(Boolean),
    ingestLimit: env.KINDRED_INGEST_LIMIT?.trim() || '100mb',
    jsonLimit: env.KINDRED_JSON_LIMIT?.trim() || '1mb',
    viewerDir: env.KINDRED_VIEWER_DIR?.trim() || undefined,
    shutdownGraceMs: integer(env, 'KINDRED_SHUTDOWN_GRACE_MS', 30_000, 0, 3_600_000),
  };
}
