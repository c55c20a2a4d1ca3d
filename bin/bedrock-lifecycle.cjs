#!/usr/bin/env node
// The bedrock-lifecycle command from the TypeScript sources, through tsx: what the tests and a
// developer run. The npm package's command is the bundle dist/bedrock-lifecycle.cjs (npm run build:cli).
require('tsx/cjs/api').register();
require('../cli/run.ts');
