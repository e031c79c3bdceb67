// `npm run dialogs:graph`: writes a Mermaid diagram per flow to docs/flows/ and the main one into the README; `--check` exits 1 when they are stale.
import { LocaleError } from '../i18n/locales.js';
import { DIALOGS_DIR, LOCALES_DIR, PROJECT_ROOT } from '../paths.js';
import { flowDocsFromDisk, syncFlowDocs, type GeneratedFile } from './dialog-graph.js';
import { DialogError } from './dialog-loader.js';

const check = process.argv.includes('--check');
let files: GeneratedFile[];
try {
  files = flowDocsFromDisk({ dialogs: DIALOGS_DIR, locales: LOCALES_DIR, root: PROJECT_ROOT });
} catch (err) {
  if (!(err instanceof DialogError || err instanceof LocaleError)) throw err;
  for (const problem of err.problems) console.error(problem);
  console.error('dialogs:graph: the flows do not load, nothing drawn (npm run dialogs:check lists every problem)');
  process.exit(1);
}
const { stale, removed } = syncFlowDocs(PROJECT_ROOT, files, { check });

if (check) {
  if (stale.length + removed.length > 0) {
    for (const file of stale) console.error(`${file}: stale`);
    for (const file of removed) console.error(`${file}: generated for a flow that no longer exists`);
    console.error('dialogs:graph: run `npm run dialogs:graph` and commit docs/flows/ and README.md');
    process.exit(1);
  }
  console.log(`dialogs:graph: ${files.length} files up to date`);
} else {
  for (const file of stale) console.log(`wrote ${file}`);
  for (const file of removed) console.log(`removed ${file}`);
  console.log(`dialogs:graph: ${files.length} files, ${stale.length} written, ${removed.length} removed`);
}
