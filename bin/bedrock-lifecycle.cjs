#!/usr/bin/env node
// The bedrock-lifecycle command. It runs the TypeScript sources through tsx (a dependency of this
// project), so the CLI shares the monitor's domain code without a build step.
require('tsx/cjs/api').register();
require('../cli/run.ts');
