// `npm run dialogs:check [-- --dialogs DIR] [-- --locales DIR]`: lints dialogs/ and locales/ and exits 1 on any problem.
import { parseArgs } from 'node:util';
import { lintDialogs } from './dialog-lint.js';
import { DIALOGS_DIR, LOCALES_DIR, PROJECT_ROOT } from '../paths.js';

// Positional DIALOGS LOCALES still work, as before the flags.
const { values, positionals } = parseArgs({ options: { dialogs: { type: 'string' }, locales: { type: 'string' } }, allowPositionals: true });
const dialogs = values.dialogs ?? positionals[0] ?? DIALOGS_DIR;
const locales = values.locales ?? positionals[1] ?? LOCALES_DIR;
const result = lintDialogs({ dialogs, locales, root: process.cwd() || PROJECT_ROOT });
if (result.problems.length > 0) {
  for (const problem of result.problems) console.error(problem);
  console.error(`dialogs:check: ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}`);
  process.exit(1);
}
console.log(`dialogs:check: ${result.flows} flows, ${result.steps} steps, languages ${result.languages.join(', ')}: no problems`);
