// The staff desk's texts (locales/<lang>/staff.yaml) in the staff's language; renders, never decides what to say.
import { loadLexicon } from '../../i18n/lexicon.js';
import { loadLocales } from '../../i18n/locales.js';
import { createTranslator, type MessageParams, type Translator } from '../../i18n/translator.js';
import { LOCALES_DIR, PROJECT_ROOT } from '../../paths.js';

export type StaffTexts = (key: string, params?: MessageParams) => string;

/** Staff read one language (STAFF_LANGUAGE, Italian by default), whatever the resident speaks. */
export function staffTexts(translator: Translator, lang: string): StaffTexts {
  return (key, params) => translator.t(lang, `staff.${key}`, params);
}

/** The project's own Italian texts, for a desk built without a translator (its tests, a script). */
export function projectStaffTexts(): StaffTexts {
  const translator = createTranslator(loadLocales(LOCALES_DIR, { rootForMessages: PROJECT_ROOT }), {
    lexicon: loadLexicon(LOCALES_DIR, { rootForMessages: PROJECT_ROOT }),
  });
  return staffTexts(translator, 'it');
}
