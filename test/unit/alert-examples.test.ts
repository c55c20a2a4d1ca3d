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

describe('the cost excerpt in docs/how-it-works.md', () => {
  it('is cut from the email docs/alerts.md shows, line for line', () => {
    const root = join(__dirname, '..', '..');
    const page = readFileSync(join(root, 'docs', 'how-it-works.md'), 'utf8');
    const section = page.slice(page.indexOf('## What it costs'));
    const excerpt = /```text\n([\s\S]*?)\n```/.exec(section)?.[1] ?? '';
    expect(excerpt).toContain('At stake:');
    expect(alertExamplesMarkdown()).toContain(excerpt);
  });
});
