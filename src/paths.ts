// Where the project's own data folders are, wherever the process was started from.
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const LOCALES_DIR = fileURLToPath(new URL('../locales', import.meta.url));
export const DIALOGS_DIR = fileURLToPath(new URL('../dialogs', import.meta.url));
