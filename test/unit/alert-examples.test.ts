import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { alertExamplesMarkdown } from '../../scripts/alert-examples';

describe('docs/alerts.md', () => {
  it('matches what the renderers produce today (run `npm run docs:alerts` after changing them)', () => {
    const committed = readFileSync(join(__dirname, '..', '..', 'docs', 'alerts.md'), 'utf8');
    expect(committed, 'docs/alerts.md is stale: run `npm run docs:alerts`').toBe(alertExamplesMarkdown());
  });
});
