#!/usr/bin/env node
// esp-companion command line. Runs the TypeScript sources through tsx, so it works straight
// after `npm install` without a build step.
import { register } from 'tsx/esm/api';

register();
await import('../src-main/cli/main.ts');
