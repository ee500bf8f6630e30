#!/usr/bin/env node
// `npm run bench`: runs the TypeScript benchmark directly through tsx's loader, like bin/spool.mjs.
import { register } from 'tsx/esm/api';

register();
await import('../bench/main.ts');
