/**
 * Where create-helm-operator's own files are (starter-chart/, templates/, package.json). The code
 * runs from src/ (tsx), from dist/src/ (tsc) or from a bundle, so the root is found by walking up
 * from this module to the package.json that names this package, not by a fixed relative path.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = 'create-helm-operator';

interface PackageJson {
  readonly name?: unknown;
  readonly version?: unknown;
}

let cached: { root: string; manifest: PackageJson } | undefined;

/** Absolute path of the directory holding create-helm-operator's package.json. */
export function packageRoot(): string {
  return findPackage().root;
}

/** The version field of create-helm-operator's package.json. */
export function packageVersion(): string {
  const { root, manifest } = findPackage();
  if (typeof manifest.version !== 'string' || manifest.version === '') {
    throw new Error(`${join(root, 'package.json')} has no version`);
  }
  return manifest.version;
}

function findPackage(): { root: string; manifest: PackageJson } {
  if (cached) return cached;
  const start = dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = readPackageJson(join(dir, 'package.json'));
    if (manifest?.name === PACKAGE_NAME) {
      cached = { root: dir, manifest };
      return cached;
    }
    if (dirname(dir) === dir) break;
  }
  throw new Error(`no package.json named ${PACKAGE_NAME} in ${start} or any folder above it`);
}

/** The parsed package.json at path, or undefined when there is none (or it is not JSON). */
function readPackageJson(path: string): PackageJson | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object' ? (parsed as PackageJson) : undefined;
  } catch {
    return undefined;
  }
}
