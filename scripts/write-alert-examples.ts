import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { alertExamplesMarkdown } from './alert-examples';

const target = join(__dirname, '..', 'docs', 'alerts.md');
writeFileSync(target, alertExamplesMarkdown());
console.log(`Wrote ${target}`);
