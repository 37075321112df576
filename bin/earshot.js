#!/usr/bin/env node
// The `earshot` command. Sources are TypeScript run through tsx's loader, so a fresh
// clone needs only `npm install`: no build step, no global tools.
import { register } from 'tsx/esm/api';

register();
await import('../cli/main.ts');
