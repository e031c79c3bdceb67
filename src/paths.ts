// Where the project's own data folders are, wherever the process was started from.
import { isAbsolute, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const LOCALES_DIR = fileURLToPath(new URL('../locales', import.meta.url));
export const DIALOGS_DIR = fileURLToPath(new URL('../dialogs', import.meta.url));

/** A file as an error message shows it: relative to the project when inside it, else as given. */
export function shownPath(file: string): string {
  const rel = relative(PROJECT_ROOT, file);
  return rel.startsWith('..') || isAbsolute(rel) ? file : rel.split(sep).join('/');
}
