import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES, type Skipped, sourceFiles } from '../../cli/scan/source-files';
import { SAMPLE_SERVICE, writeFiles } from '../../lab/fixtures/sample-service';

function walk(
  root: string,
  paths: readonly string[] = [root],
  { files: excluded = [], patterns = [] }: { files?: readonly string[]; patterns?: readonly string[] } = {},
) {
  const skipped: Skipped = { binary: 0, tooLarge: 0, unreadable: [] };
  const files = [...sourceFiles(root, paths, { files: new Set(excluded), patterns }, skipped)].map(
    (f) => f.path,
  );
  return { files, skipped };
}

describe('the files a scan reads', () => {
  it('are the text files of a repository in path order, without dependencies, build outputs, binaries or ignored files', () => {
    const root = writeFiles(SAMPLE_SERVICE);
    expect(walk(root)).toEqual({
      files: [
        '.env.example',
        '.gitignore',
        'app/classify.py',
        'cmd/chat/main.go',
        'config/models.json',
        'infra/main.tf',
        'infra/prod.tfvars',
        'README.md',
        'src/main/java/com/example/Images.java',
        'src/summarise.ts',
        'template.yaml',
      ].sort(),
      skipped: { binary: 1, tooLarge: 0, unreadable: [] },
    });
  });

  it('apply nested .gitignore files as git does: a deeper negation re-includes, an ignored directory stays out', () => {
    const root = writeFiles({
      '.gitignore': '*.generated.ts\nsecrets/\n',
      'src/.gitignore': '!keep.generated.ts\n/local.ts\n',
      'src/a.generated.ts': 'x',
      'src/keep.generated.ts': 'x',
      'src/local.ts': 'x',
      'src/deep/local.ts': 'x',
      'secrets/.gitignore': '!*\n',
      'secrets/key.ts': 'x',
      '.git/info/exclude': 'scratch.md\n',
      '.git/config': 'x',
      'scratch.md': 'x',
    });
    expect(walk(root).files).toEqual([
      '.gitignore',
      'src/.gitignore',
      'src/deep/local.ts',
      'src/keep.generated.ts',
    ]);
  });

  it('read a file reached through two paths once, whichever path comes first', () => {
    const root = writeFiles({ 'src/app.ts': 'x', 'src/lib/util.ts': 'x', 'main.ts': 'x' });
    const once = ['main.ts', 'src/app.ts', 'src/lib/util.ts'];
    expect(walk(root, [root, join(root, 'src'), join(root, 'src', 'app.ts')]).files).toEqual(once);
    expect(walk(root, [join(root, 'src', 'lib'), root]).files.sort()).toEqual(once);
  });

  it('apply the .gitignore files above a path given inside the root', () => {
    const root = writeFiles({ '.gitignore': 'tmp.ts\n', 'src/tmp.ts': 'x', 'src/app.ts': 'x' });
    expect(walk(root, [join(root, 'src')]).files).toEqual(['src/app.ts']);
  });

  it('read a file named as a path even when it would be skipped, but still not a binary one', () => {
    const root = writeFiles(SAMPLE_SERVICE);
    expect(
      walk(root, [
        join(root, 'generated', 'models.ts'),
        join(root, 'dist', 'bundle.js'),
        join(root, 'assets', 'logo.png'),
      ]),
    ).toEqual({
      files: ['generated/models.ts', 'dist/bundle.js'],
      skipped: { binary: 1, tooLarge: 0, unreadable: [] },
    });
  });

  it('leave out excluded paths, generated files and links, and count files too large to be code', () => {
    const root = writeFiles({
      'app.ts': 'x',
      '.bedrock-lifecycle.json': '{}',
      'report.sarif': '{}',
      'bundle.min.js': 'x',
      'bundle.js.map': 'x',
      'big.json': Buffer.alloc(MAX_FILE_BYTES + 1, 0x20),
    });
    mkdirSync(join(root, 'elsewhere'));
    writeFileSync(join(root, 'elsewhere', 'linked.ts'), 'x');
    symlinkSync(join(root, 'elsewhere'), join(root, 'link'));
    symlinkSync(join(root, 'app.ts'), join(root, 'app-link.ts'));
    expect(walk(root, [root], { files: [join(root, '.bedrock-lifecycle.json')] })).toEqual({
      files: ['app.ts', 'elsewhere/linked.ts'],
      skipped: { binary: 0, tooLarge: 1, unreadable: [] },
    });
  });

  it('leave out what exclusion patterns match from the root, whatever a .gitignore re-includes', () => {
    const root = writeFiles({
      '.gitignore': '!CHANGELOG.md\n',
      'CHANGELOG.md': 'x',
      'docs/guide.md': 'x',
      'src/app.ts': 'x',
      'src/app.test.ts': 'x',
      'src/docs/notes.md': 'x',
    });
    expect(walk(root, [root], { patterns: ['/docs/', 'CHANGELOG.md', '*.test.ts'] }).files).toEqual([
      '.gitignore',
      'src/app.ts',
      'src/docs/notes.md',
    ]);
    // A file named as a path is read all the same.
    expect(walk(root, [join(root, 'CHANGELOG.md')], { patterns: ['CHANGELOG.md'] }).files).toEqual([
      'CHANGELOG.md',
    ]);
  });

  it('reads no .git/info/exclude through a .git that is a link out of the repository', () => {
    const outside = writeFiles({ 'info/exclude': '*.ts\n' });
    const root = writeFiles({ 'src/a.ts': 'x' });
    symlinkSync(outside, join(root, '.git'));
    expect(walk(root).files).toEqual(['src/a.ts']);
  });

  it('reads a file once when it is named twice or through a link inside the repository', () => {
    const root = writeFiles({ 'src/a.ts': 'x' });
    symlinkSync(join(root, 'src'), join(root, 'srclink'));
    expect(walk(root, [join(root, 'src'), join(root, 'srclink'), join(root, 'src', 'a.ts')]).files).toEqual([
      'src/a.ts',
    ]);
  });
});
