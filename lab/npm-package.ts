import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const ROOT = join(__dirname, '..');
const run = promisify(execFile);

/**
 * `npm pack` of this repository, as `npm publish` would upload it (prepack builds the construct
 * library and the functions first). Returns the tarball's path.
 */
export async function packPackage(): Promise<string> {
  const destination = mkdtempSync(join(tmpdir(), 'npm-pack-'));
  await run('npm', ['pack', '--pack-destination', destination, '--silent'], { cwd: ROOT });
  const [tarball, ...others] = readdirSync(destination);
  if (!tarball || others.length > 0) throw new Error(`npm pack wrote ${readdirSync(destination).join(', ')}`);
  return join(destination, tarball);
}

/**
 * Installs a tarball into a new, empty project, as a user's `npm install bedrock-lifecycle-monitor`
 * would, with nothing from this repository beside it. Offline: the package must need nothing else.
 */
export async function installPackage(tarball: string): Promise<string> {
  const project = mkdtempSync(join(tmpdir(), 'npm-consumer-'));
  writeFileSync(join(project, 'package.json'), '{ "private": true }\n');
  await run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--silent', tarball], {
    cwd: project,
  });
  return project;
}
