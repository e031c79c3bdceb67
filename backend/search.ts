// Forgiving free-text search over services (typos, plurals, any language); ranks ids only, never filters by municipality or category.
import MiniSearch from 'minisearch';
import type { ServiceDef } from './catalogue-schema.js';
import { languagesOf } from '../src/welfare/contract.js';

const FIELDS = ['name', 'keywords', 'summary', 'description'] as const;
type Field = (typeof FIELDS)[number];
const BOOST: Record<Field, number> = { name: 3, keywords: 2.5, summary: 1.5, description: 1 };
// a query in the resident's own language should win ties against the same word in another language
const OWN_LANGUAGE_BOOST = 1.5;
// matches much weaker than the best one are noise from fuzzy or prefix expansion
const MIN_RELATIVE_SCORE = 0.1;

// written without accents: terms are compared after accents are stripped
const STOP_WORDS = new Set(
  [
    // Italian
    'il lo la i gli le un uno una di da in con su per tra fra e ed o od ma se che chi cui non ne ci vi si mi ti',
    'del dello della dei degli delle al allo alla ai agli alle dal dallo dalla dai dagli dalle',
    'nel nello nella nei negli nelle sul sullo sulla sui sugli sulle col coi',
    'sono sei siamo siete era ho hai ha abbiamo avete hanno',
    'io tu lui lei noi voi loro mio mia miei mie tuo tua suo sua nostro nostra vostro vostra',
    'questo questa questi queste quello quella quelli quelle come dove quando quale quali cosa perche anche piu molto',
    'vorrei voglio cerco cercavo serve servono qualcosa qualche ogni',
    // greetings and words every service shares: they would only add noise (ciao is one typo away from cibo)
    'ciao salve buongiorno buonasera grazie prego favore servizio servizi hello hi hey thanks thank please service services',
    // every service is some help: "homework help" must not also find home care through "help"
    'aiuto aiuti aiutare aiutarmi bisogno help helps helping support',
    // English
    'a an the and or but of to in on at by for with from into about as is are was were be been am',
    'i me my we our you your he she it its they them their this that these those there here',
    'do does did can could would should will want need looking find some any what which who how where when',
  ]
    .join(' ')
    .split(' '),
);

export function createServiceSearch(services: ServiceDef[]): { search(q: string, lang?: string): string[] } {
  const languages = [
    ...new Set(
      services.flatMap((s) => [
        ...[s.name, s.summary, s.description].flatMap((t) => languagesOf(t).map(([lang]) => lang)),
        ...Object.keys(s.keywords),
      ]),
    ),
  ];
  const fieldNames = FIELDS.flatMap((f) => languages.map((lang) => `${f}:${lang}`));
  const index = new MiniSearch<Record<string, string>>({ idField: 'id', fields: fieldNames, processTerm: normaliseTerm });
  index.addAll(services.map(toDocument));

  return {
    search(q, lang) {
      const boost = Object.fromEntries(
        fieldNames.map((name) => {
          const [field, fieldLang] = name.split(':') as [Field, string];
          return [name, BOOST[field] * (fieldLang === lang ? OWN_LANGUAGE_BOOST : 1)];
        }),
      );
      const results = index.search(q, {
        boost,
        combineWith: 'OR',
        prefix: (term) => term.length >= 4,
        // Levenshtein counts a swap of two letters ("anzaini") as two edits: allow two on longer words.
        fuzzy: (term) => (term.length >= 6 ? 2 : term.length >= 4 ? 1 : false),
      });
      const best = results[0]?.score ?? 0;
      return results.filter((r) => r.score >= best * MIN_RELATIVE_SCORE).map((r) => String(r.id));
    },
  };
}

function toDocument(s: ServiceDef): Record<string, string> {
  const doc: Record<string, string> = { id: s.id };
  for (const [lang, text] of languagesOf(s.name)) doc[`name:${lang}`] = text;
  for (const [lang, text] of languagesOf(s.summary)) doc[`summary:${lang}`] = text;
  for (const [lang, text] of languagesOf(s.description)) doc[`description:${lang}`] = text;
  for (const [lang, words] of Object.entries(s.keywords)) doc[`keywords:${lang}`] = words.join(', ');
  return doc;
}

/** Lower-cases, strips accents, drops stop words and reduces a word to a rough stem shared by its inflections. */
export function normaliseTerm(term: string): string | null {
  const word = term.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
  if (word.length < 2 || STOP_WORDS.has(word)) return null;
  return stem(word);
}

// Deliberately light: one stemmer for both languages, so a word is reduced the same way whichever language it came from.
function stem(word: string): string {
  if (word.length <= 4 || /\d/.test(word)) return word;
  let s = word;
  if (s.endsWith('ies'))
    s = `${s.slice(0, -3)}y`; // families → family
  else if (s.endsWith('s') && !/(ss|us|is)$/.test(s)) s = s.slice(0, -1); // homeworks → homework
  if (s.length > 4 && /[aeio]$/.test(s)) s = s.slice(0, -1); // anziani, anziano, anziana → anzian
  if (/[cg]h$/.test(s)) s = s.slice(0, -1); // psicologiche → psicologic, like psicologica
  return s;
}
