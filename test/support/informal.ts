// How the informal address shows, per language: the polite register of simple mode must never match.

// Words that only the informal address uses, as whole words. Left out on purpose, because the polite texts need
// them in another sense: Italian "torna"/"parla"/"cerca" ("lo 0 torna indietro", third person), "prova"/"verifica"
// (nouns), "torni"/"aspetti"/"riprova" (also "Lei" forms: "torni al menu", "se riprova"); Romanian "scrie"/"alege"
// (also third person); Albanian "do" (the future particle), "shkruaj" (also "I write"), "të" (a particle).
const word = (words: string) => new RegExp(`(?<!\\p{L})(${words})(?!\\p{L})`, 'iu');
export const INFORMAL: Record<string, RegExp[]> = {
  it: [
    word(
      'tu|ti|te|tuo|tua|tuoi|tue|vuoi|puoi|hai|sei|sai|stai|devi|fai|preferisci|abiti|scrivi|scegli|scrivilo|scrivila|scrivimi|sceglilo|sceglila|scegline|dimmi|raccontami|controlla|conserva|conservalo|indica|confermi|descrivi|salta|guarda|premi|aiutarti|capirti|dirti|richiamarti|chiederti|scriverti|mostrarti',
    ),
  ],
  ro: [
    word(
      'tu|te|tine|ție|îți|ți|tău|ta|tale|tăi|vrei|poți|știi|ești|scrie-mi|alege-l|alege-o|încearcă|verifică|păstrează|ține|apasă|spune-mi|revino|întoarce-te',
    ),
  ],
  sq: [word('ti|ty|jote|jot|tënd|tëndin|tënde|yt|ke|je|dëshiron|zgjidh|kthehu|provo|prit|kontrollo|ruaje')],
  // Ukrainian writes the polite "Ви" with a capital: a lower-case one is a slip, a "ти" form is the informal address.
  uk: [
    word(
      'ти|тебе|тобі|тобою|твій|твоя|твоє|твої|твого|твоєї|твоїй|твоїм|твою|твоїх|хочеш|можеш|маєш|напиши|обери|вибери|спробуй|перевір|натисни|скажи',
    ),
    /(?<!\p{L})(ви|вас|вам|вами|ваш|ваша|ваше|ваші|вашого|вашої|вашому|вашій|вашим|вашу|ваших)(?!\p{L})/u,
  ],
  zh: [/你/u],
};

/** The first informal word of a text in that language, if any. */
export function informalIn(lang: string, text: string): string | undefined {
  for (const re of INFORMAL[lang] ?? []) {
    const found = re.exec(text);
    if (found) return found[0];
  }
  return undefined;
}
