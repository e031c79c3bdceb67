// Where the project's own data folders are, from the sources (tsx) and from the build (dist/) alike; reads no data itself.
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

// The nearest folder above this module that holds package.json: src/ under tsx and dist/src/ in the build sit at
// different depths, and the data folders are read where they are rather than copied into dist/.
function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}: locales/, dialogs/ and config/ are looked for next to it`);
  }
}

export const PROJECT_ROOT = findProjectRoot(dirname(fileURLToPath(import.meta.url)));
export const LOCALES_DIR = join(PROJECT_ROOT, 'locales');
export const DIALOGS_DIR = join(PROJECT_ROOT, 'dialogs');
export const CONFIG_DIR = join(PROJECT_ROOT, 'config');
export const BACKEND_DATA_DIR = join(PROJECT_ROOT, 'backend', 'data');

/** A file as an error message shows it: relative to the project when inside it, else as given. */
export function shownPath(file: string): string {
  const rel = relative(PROJECT_ROOT, file);
  return rel.startsWith('..') || isAbsolute(rel) ? file : rel.split(sep).join('/');
}
