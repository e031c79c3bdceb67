// `npm run dialogs:check`: lints dialogs/ and locales/ and exits 1 on any problem.
import { lintDialogs } from './dialog-lint.js';
import { DIALOGS_DIR, LOCALES_DIR, PROJECT_ROOT } from '../paths.js';

const dialogs = process.argv[2] ?? DIALOGS_DIR;
const locales = process.argv[3] ?? LOCALES_DIR;
const result = lintDialogs({ dialogs, locales, root: process.cwd() || PROJECT_ROOT });
if (result.problems.length > 0) {
  for (const problem of result.problems) console.error(problem);
  console.error(`dialogs:check: ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}`);
  process.exit(1);
}
console.log(`dialogs:check: ${result.flows} flows, ${result.steps} steps, languages ${result.languages.join(', ')}: no problems`);
