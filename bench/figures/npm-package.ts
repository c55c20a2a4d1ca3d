import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { installPackage, packPackage } from '../../lab/npm-package';

export interface NpmPackageFigure {
  /** The tarball `npm pack` writes (what the registry stores). */
  readonly tarballBytes: number;
  /** What `npm install <tarball>` puts under node_modules of an empty project: the CLI alone. */
  readonly installedBytes: number;
  readonly installedFiles: number;
  readonly installedPackages: number;
}

/** The bytes and files under a folder, links not followed. */
function footprint(dir: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    bytes += statSync(join(entry.parentPath, entry.name)).size;
    files += 1;
  }
  return { bytes, files };
}

/** Packs the package as `npm publish` would and installs it into an empty project, offline. */
export async function npmPackageFigure(): Promise<NpmPackageFigure> {
  const tarball = await packPackage();
  const project = await installPackage(tarball);
  const modules = join(project, 'node_modules');
  const { bytes, files } = footprint(modules);
  return {
    tarballBytes: statSync(tarball).size,
    installedBytes: bytes,
    installedFiles: files,
    installedPackages: readdirSync(modules).filter((name) => !name.startsWith('.')).length,
  };
}
