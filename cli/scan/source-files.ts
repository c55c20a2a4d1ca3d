import { type Dirent, lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';

/**
 * Directories never scanned: version control, dependencies, and the outputs of builds, CDK,
 * Terraform, SAM, Serverless and Python tooling. What they hold is generated or someone else's code.
 */
export const SKIPPED_DIRECTORIES: readonly string[] = [
  '.git',
  '.hg',
  '.svn',
  'node_modules',
  'bower_components',
  'vendor',
  'cdk.out',
  'dist',
  'build',
  'out',
  'target',
  'coverage',
  '.next',
  '.nuxt',
  '.terraform',
  '.terragrunt-cache',
  '.serverless',
  '.aws-sam',
  '.gradle',
  '__pycache__',
  '.venv',
  'venv',
  '.tox',
  '.mypy_cache',
  '.pytest_cache',
];

/** Generated files: minified code, source maps and SARIF reports (a scan's own output among them). */
const SKIPPED_FILES = /\.(min\.js|min\.mjs|map|sarif)$/;

/** Larger files are generated data, not code someone edits. */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;

/** Larger `.gitignore` or exclude files are not rules anyone wrote: left unread. */
export const MAX_IGNORE_FILE_BYTES = 1024 * 1024;

/** Git's test for a binary file: a NUL byte in the first 8000 bytes. */
const isBinary = (content: Buffer): boolean => content.subarray(0, 8000).includes(0);

/** A file to scan: its path relative to the root (forward slashes) and its text. */
export interface SourceFile {
  readonly path: string;
  readonly text: string;
}

/** What to leave out beside the defaults and `.gitignore`. */
export interface Exclusions {
  /** Absolute paths never read: the waiver file, the report being written. */
  readonly files: ReadonlySet<string>;
  /** `.gitignore`-syntax patterns, relative to the root: `docs/`, `CHANGELOG.md`, `*.test.ts`. */
  readonly patterns: readonly string[];
}

/** What the walk left out, by reason. */
export interface Skipped {
  binary: number;
  tooLarge: number;
  /** Files and directories that could not be read or searched, and why: the scan goes on without them. */
  unreadable: { readonly path: string; readonly reason: string }[];
}

/** Why something could not be read, without what it holds: the error's code, or its name. */
export const unreadableReason = (error: unknown): string =>
  (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.name : 'unreadable');

/** The `.gitignore` rules of one directory, relative to it. */
interface IgnoreRules {
  readonly dir: string;
  readonly rules: Ignore;
}

const posix = (path: string): string => path.split(sep).join('/');

/**
 * A directory's ignore rules, read only from a regular file of sane size: git itself ignores a
 * `.gitignore` that is a link, and a link to /dev/zero or a FIFO would grow memory or block forever.
 */
function rulesOf(dir: string, file: string): IgnoreRules | null {
  try {
    const path = join(dir, file);
    // Every folder on the way (`.git`, `.git/info`) must be one, not a link out of the repository.
    const folders = file.split(sep).slice(0, -1);
    if (folders.some((_, i) => !lstatSync(join(dir, ...folders.slice(0, i + 1))).isDirectory())) return null;
    const stat = lstatSync(path);
    if (!stat.isFile() || stat.size > MAX_IGNORE_FILE_BYTES) return null;
    return { dir, rules: ignore().add(readFileSync(path, 'utf8')) };
  } catch {
    return null;
  }
}

/**
 * Whether `.gitignore` rules ignore a path, as git reads them: each directory's rules relative to
 * it, a deeper file's rules (negations included) overriding a shallower one's.
 */
function ignored(chain: readonly IgnoreRules[], path: string, isDirectory: boolean): boolean {
  let result = false;
  for (const { dir, rules } of chain) {
    const rel = posix(relative(dir, path)) + (isDirectory ? '/' : '');
    const test = rules.test(rel);
    if (test.ignored) result = true;
    else if (test.unignored) result = false;
  }
  return result;
}

/**
 * The text files under `paths`, in path order, relative to `root`. Directories are walked without
 * following links, leaving out SKIPPED_DIRECTORIES, generated files and what `.gitignore` files
 * (from the root down), `.git/info/exclude` and the exclusion patterns ignore. A file named in
 * `paths` is read whatever its name, and a file or directory reached through two paths (`. src`)
 * once. Binary and very large files are counted in `skipped`.
 */
export function* sourceFiles(
  root: string,
  paths: readonly string[],
  exclude: Exclusions,
  skipped: Skipped,
): Generator<SourceFile> {
  const seen = new Set<string>();
  const unreadable = (path: string, reason: string): null => {
    skipped.unreadable.push({ path: posix(relative(root, path)) || '.', reason });
    return null;
  };
  // Keyed by what a path really is (`real`): a file or folder named twice, or through a link, is
  // read once. The walk meets no link, so a real path is its folder's plus its name: no system call.
  const firstSight = (real: string): boolean => {
    if (seen.has(real)) return false;
    seen.add(real);
    return true;
  };
  const read = (path: string, real: string): SourceFile | null => {
    if (!firstSight(real)) return null;
    try {
      // A named path may be anything: only a regular file is read (a FIFO would block forever).
      const stat = statSync(path);
      if (!stat.isFile()) return unreadable(path, 'not a regular file');
      if (stat.size > MAX_FILE_BYTES) {
        skipped.tooLarge++;
        return null;
      }
      const content = readFileSync(path);
      if (isBinary(content)) {
        skipped.binary++;
        return null;
      }
      return { path: posix(relative(root, path)), text: content.toString('utf8') };
    } catch (error) {
      return unreadable(path, unreadableReason(error));
    }
  };

  // The exclusion patterns apply from the root; no .gitignore negation brings back what they leave out.
  const patterns = [{ dir: root, rules: ignore().add([...exclude.patterns]) }];
  const skip = (chain: readonly IgnoreRules[], path: string, isDirectory: boolean) =>
    ignored(patterns, path, isDirectory) || ignored(chain, path, isDirectory);

  function* walk(dir: string, realDir: string, chain: readonly IgnoreRules[]): Generator<SourceFile> {
    if (!firstSight(realDir)) return;
    const own = rulesOf(dir, '.gitignore');
    const rules = own ? [...chain, own] : chain;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      unreadable(dir, unreadableReason(error));
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (exclude.files.has(path) || entry.isSymbolicLink()) continue;
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.includes(entry.name) && !skip(rules, path, true))
          yield* walk(path, join(realDir, entry.name), rules);
      } else if (entry.isFile() && !SKIPPED_FILES.test(entry.name) && !skip(rules, path, false)) {
        const file = read(path, join(realDir, entry.name));
        if (file) yield file;
      }
    }
  }

  /** The rules that apply inside `dir` before its own: the root's exclude file and each ancestor's. */
  const inherited = (dir: string): IgnoreRules[] => {
    const ancestors: string[] = [];
    for (let d = dirname(dir); d.startsWith(root) && d !== dir; d = dirname(d)) {
      ancestors.unshift(d);
      if (d === root) break;
    }
    const gitExclude = rulesOf(root, join('.git', 'info', 'exclude'));
    return [
      ...(gitExclude ? [gitExclude] : []),
      ...ancestors.flatMap((d) => {
        const rules = rulesOf(d, '.gitignore');
        return rules ? [rules] : [];
      }),
    ];
  };

  // A named path is followed to what it is, and read only if that lies under the root: a link in
  // the repository must not lead the scan out of it.
  const realRoot = realpathSync(root);
  const under = (real: string) => real === realRoot || real.startsWith(`${realRoot}${sep}`);
  for (const path of paths) {
    let real: string;
    try {
      real = realpathSync(path);
    } catch (error) {
      unreadable(path, unreadableReason(error));
      continue;
    }
    if (!under(real)) {
      unreadable(path, 'a link to outside the scan root, not followed');
      continue;
    }
    if (statSync(path).isDirectory()) yield* walk(path, real, inherited(path));
    else if (!exclude.files.has(path)) {
      const file = read(path, real);
      if (file) yield file;
    }
  }
}
