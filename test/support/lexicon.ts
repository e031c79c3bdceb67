// The project's word data (locales/<lang>/lexicon.yaml), loaded once for the tests of the matchers.
import { loadLexicon } from '../../src/i18n/lexicon.js';
import { LOCALES_DIR, PROJECT_ROOT } from '../../src/paths.js';

export const lexicon = loadLexicon(LOCALES_DIR, { rootForMessages: PROJECT_ROOT });
