/** The web reader: `createWebServer(deps)` is all the composition root needs. */
export { createWebHandler, createWebServer, DEFAULT_WEB_LIMITS, type WebServer, type WebServerLimits } from './server.ts';
export type { WebDeps } from './context.ts';
export { threadPath, tagPath, feedPath } from './paths.ts';
