/** The web reader: `createWebServer(deps)` is all the composition root needs. */
export { createWebHandler, createWebServer, type WebServer } from './server.ts';
export type { WebDeps } from './context.ts';
export { threadPath, tagPath, feedPath } from './paths.ts';
