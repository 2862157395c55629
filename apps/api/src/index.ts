export { createApp, type AppDeps, type AppOptions } from './app.js';
export { readConfig, type ServiceConfig } from './config.js';
export { startService, type RunningService } from './server.js';
export { ensureDemo, DEMO_ORGANISATION, type DemoState } from './demo.js';
export { buildOpenApiDocument } from './openapi.js';
export { createEngine, createServices, RunScheduler, DEFAULT_SCHEDULE, type Engine, type Services } from './services/index.js';
