import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { CatalogueError, defaultCatalogueDir, loadCatalogue } from '../../backend/catalogue.js';
import { MAX_LABEL } from '../../src/conversation/steps/common.js';
import { languagesOf } from '../../src/welfare/contract.js';
import { informalIn } from '../support/informal.js';

// Informal verbs of the catalogue's own sentences beyond the bot's word list ("se chiedi il prezzo ridotto", "vivi
// altrove"); each has a distinct "Lei" form (chiede, risponde, vive, paga, trova, lavora).
const CATALOGUE_INFORMAL = /(?<!\p{L})(chiedi|rispondi|vivi|paghi|trovi|lavori)(?!\p{L})/iu;

const SERVICE_IDS = [
  'assistenza-domiciliare-anziani',
  'attivita-ludico-educative',
  'babysitting-welfare-aziendale',
  'buoni-spesa',
  'consulenza-educativa-genitori',
  'doposcuola-online',
  'italiano-minori-stranieri',
  'laboratori-lettura',
  'socializzazione-anziani',
  'sostegno-famiglie-0-6',
  'supporto-domiciliare-bes',
  'supporto-pedagogico-domicilio',
  'supporto-psicologico-anziani',
];

// every { it: string } object anywhere in the value, with its dotted path
function localizedTexts(value: unknown, path = ''): Array<{ path: string; text: Record<string, unknown> }> {
  if (value instanceof Map) return [...value.entries()].flatMap(([k, v]) => localizedTexts(v, `${path}.${String(k)}`));
  if (Array.isArray(value)) return value.flatMap((v, i) => localizedTexts(v, `${path}.${i}`));
  if (value === null || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  if (typeof record.it === 'string') return [{ path, text: record }];
  return Object.entries(record).flatMap(([k, v]) => localizedTexts(v, `${path}.${k}`));
}

describe('the shipped seed catalogue', () => {
  const catalogue = loadCatalogue();

  it('has the 13 services and the 5 municipalities of the network', () => {
    expect(catalogue.services.map((s) => s.id).sort()).toEqual(SERVICE_IDS);
    expect(catalogue.municipalities.map((m) => m.id).sort()).toEqual([
      'campo-san-martino',
      'campodoro',
      'limena',
      'piazzola-sul-brenta',
      'villafranca-padovana',
    ]);
  });

  it('says every text in Italian and English', () => {
    const texts = localizedTexts(catalogue);
    expect(texts.length).toBeGreaterThan(100);
    const missing = texts.filter(({ text }) => typeof text.en !== 'string' || text.en.length === 0 || (text.it as string).length === 0);
    expect(missing.map((t) => t.path)).toEqual([]);
    for (const s of catalogue.services) expect(Object.keys(s.keywords).sort(), s.id).toEqual(['en', 'it']);
  });

  // Simple mode reads the polite form: a text that says "tu" without one would say "tu" to the resident there.
  it('gives the polite form ("Lei") of every Italian text that says "tu", with the same placeholders and no "tu" left', () => {
    const texts = localizedTexts(catalogue);
    const informal = (text: string) => informalIn('it', text) ?? CATALOGUE_INFORMAL.exec(text)?.[0];
    const placeholders = (text: string) => [...text.matchAll(/\{\w+\}/g)].map((m) => m[0]).sort();
    const missing = texts.filter(({ text }) => informal(text.it as string) !== undefined && text.polite === undefined).map((t) => t.path);
    expect(missing).toEqual([]);
    const polite = texts.flatMap(({ path, text }) =>
      Object.entries((text.polite ?? {}) as Record<string, string>).map(([lang, p]) => ({ path, lang, text, p })),
    );
    expect(polite.length).toBeGreaterThan(20);
    expect(polite.filter(({ lang, text }) => typeof text[lang] !== 'string').map((t) => `${t.path}.polite.${t.lang}`)).toEqual([]);
    expect(polite.filter(({ lang, p }) => lang === 'it' && informal(p) !== undefined).map((t) => `${t.path}: ${t.p}`)).toEqual([]);
    expect(polite.filter(({ lang, text, p }) => placeholders(p).join() !== placeholders(text[lang] as string).join()).map((t) => t.path)).toEqual([]);
  });

  it('gives a short name, fitting a button, wherever a name is longer than one; no two services share a label', () => {
    for (const s of catalogue.services) {
      for (const [lang, name] of languagesOf(s.name)) {
        const label = s.shortName?.[lang] ?? name;
        expect(label.length, `${s.id} in ${lang}: "${label}"`).toBeLessThanOrEqual(MAX_LABEL);
      }
      for (const lang of Object.keys(s.shortName ?? {})) expect(s.name[lang], `${s.id}: a short name of a name it has`).toBeDefined();
    }
    for (const lang of ['it', 'en']) {
      const labels = catalogue.services.map((s) => s.shortName?.[lang] ?? s.name[lang]);
      expect(new Set(labels).size, lang).toBe(labels.length);
    }
  });

  it('labels every option of a question within a button, so none is cut', () => {
    const long = [...catalogue.criteria.values()].flatMap((c) =>
      (c.options ?? []).flatMap((o) =>
        [...languagesOf(o.label), ...Object.entries(o.label.polite ?? {})]
          .filter(([, l]) => l.length > MAX_LABEL)
          .map(([lang, l]) => `${c.id} ${lang}: ${l}`),
      ),
    );
    expect(long).toEqual([]);
  });

  it('gives every bookable service a schedule, and vouchers none', () => {
    for (const s of catalogue.services) {
      if (s.access === 'booking') expect(s.schedule.length, s.id).toBeGreaterThan(0);
      else expect(s.schedule, s.id).toEqual([]);
    }
  });

  it('fills the residence options from the municipalities', () => {
    const options = catalogue.criteria.get('residence')?.options?.map((o) => o.value);
    expect(options).toEqual(catalogue.municipalities.map((m) => m.id));
    expect(catalogue.criteria.get('residence')?.options?.[0]?.label).toEqual({ it: 'Piazzola sul Brenta', en: 'Piazzola sul Brenta' });
  });

  it('has the slots other tests rely on', () => {
    const play = catalogue.services.find((s) => s.id === 'attivita-ludico-educative');
    expect(play?.schedule).toContainEqual({
      weekdays: [1, 2, 3, 4, 5, 6],
      time: '16:30',
      minutes: 90,
      capacity: 3,
      municipality: 'campo-san-martino',
      delivery: 'in_person',
    });
    const homework = catalogue.services.find((s) => s.id === 'doposcuola-online');
    expect(homework?.schedule).toContainEqual({
      weekdays: [1, 3, 5],
      time: '15:00',
      minutes: 60,
      capacity: 3,
      municipality: 'limena',
      delivery: 'online',
    });
  });

  it('versions the rules as the declared version plus a hash', () => {
    expect(catalogue.rulesVersion).toMatch(/^2026\.1\+[0-9a-f]{8}$/);
  });

  it('has the welfare accounts other tests rely on, two of them linked to Teams users', () => {
    const accounts = [...catalogue.welfare.accounts.values()];
    expect(accounts.map((a) => [a.id, a.credit, a.expiresOn])).toEqual([
      ['WA-OMB-0001', 850, '2027-12-31'],
      ['WA-OMB-0002', 7.5, '2027-12-31'],
      ['WA-OMB-0003', 95.5, '2025-12-31'],
      ['WA-PVF-0001', 40, '2027-12-31'],
      ['WA-PVF-0002', 300, '2027-06-30'],
    ]);
    expect(accounts.filter((a) => a.aadObjectId).length).toBeGreaterThanOrEqual(2);
  });

  it('lets the linked accounts pay a paid service that has slots', () => {
    const babysitting = catalogue.services.find((s) => s.id === 'babysitting-welfare-aziendale')!;
    expect(babysitting).toMatchObject({ access: 'booking', price: { full: 12 } });
    expect(babysitting.schedule.length).toBeGreaterThan(0);
    for (const id of ['WA-OMB-0001', 'WA-PVF-0001']) {
      const plan = catalogue.welfare.plans.get(catalogue.welfare.accounts.get(id)!.plan)!;
      expect(plan.coveredCategories, id).toContain(babysitting.category);
    }
  });
});

describe('a broken catalogue', () => {
  let dir = '';
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = '';
  });

  function copyWith(edits: Record<string, (text: string) => string>): string {
    dir = mkdtempSync(join(tmpdir(), 'sportello-catalogue-'));
    cpSync(defaultCatalogueDir, dir, { recursive: true });
    for (const [file, edit] of Object.entries(edits)) {
      const path = join(dir, file);
      const before = existsSync(path) ? readFileSync(path, 'utf8') : '';
      const after = edit(before);
      if (after === before) throw new Error(`the edit of ${file} changed nothing`);
      writeFileSync(path, after);
    }
    return dir;
  }
  const replace = (from: string, to: string) => (text: string) => text.replace(from, to);
  const homework = 'services/doposcuola-online.yaml';
  const cases: Array<{ broken: string; edits: Record<string, (text: string) => string>; file: string; problem: string }> = [
    {
      broken: 'an explanation template naming what its criterion does not offer',
      edits: { 'criteria.yaml': replace('it: il bambino ne ha {value}', 'it: il bambino ne ha {age}') },
      file: 'criteria.yaml',
      problem: 'criteria.1.has.it: {age} is not one of {value}',
    },
    {
      broken: 'a polite explanation template naming what its criterion does not offer',
      edits: { 'criteria.yaml': replace('it: Lei abita {value}', 'it: Lei abita {valore}') },
      file: 'criteria.yaml',
      problem: 'criteria.0.has.polite.it: {valore} is not one of {value}',
    },
    {
      broken: 'an unknown criterion',
      edits: { [homework]: replace('criterion: child_age', 'criterion: chld_age') },
      file: 'services/doposcuola-online.yaml',
      problem: 'eligibility.1.criterion: unknown criterion "chld_age"',
    },
    {
      broken: 'two schedule entries at the same place and time',
      edits: {
        [homework]: replace(
          'weekdays: [2, 4], time: "16:00", minutes: 60, capacity: 3, municipality: campodoro',
          'weekdays: [3], time: "15:00", minutes: 60, capacity: 3, municipality: limena',
        ),
      },
      file: 'services/doposcuola-online.yaml',
      problem: 'schedule: schedule[1] repeats limena at 15:00 on weekday',
    },
    {
      broken: 'a municipality whose social services cannot be reached',
      edits: {
        'municipalities.yaml': (text) =>
          text.replace('      phone: +39 049 906 5011\n', '').replace('      email: servizisociali@comune.campodoro.pd.it\n', ''),
      },
      file: 'municipalities.yaml',
      problem: 'municipalities.1.socialServices: missing: a phone or an e-mail of the social services',
    },
    {
      broken: 'an unknown provider',
      edits: { [homework]: replace('provider: cooperativa-jonathan', 'provider: cooperativa-jonatan') },
      file: 'services/doposcuola-online.yaml',
      problem: 'provider: unknown provider "cooperativa-jonatan"',
    },
    {
      broken: 'a rule kind that does not fit the criterion type',
      edits: { [homework]: replace('{ kind: range, min: 6, max: 14 }', '{ kind: age_from_date, min: 6 }') },
      file: 'services/doposcuola-online.yaml',
      problem: 'eligibility.1.rule.kind: rule "age_from_date" does not fit the integer criterion "child_age"; use range',
    },
    {
      broken: 'a choice value that is not an option',
      edits: { [homework]: replace('values: [primaria, secondaria_primo_grado]', 'values: [primaria, medie]') },
      file: 'services/doposcuola-online.yaml',
      problem: 'eligibility.2.rule.values.1: "medie" is not an option of "school_order"',
    },
    {
      broken: 'a missing Italian text',
      edits: { [homework]: replace('  it: Doposcuola online\n', '') },
      file: 'services/doposcuola-online.yaml',
      problem: 'name.it: ',
    },
    {
      broken: 'bad YAML syntax',
      edits: { 'criteria.yaml': replace('rulesVersion: "2026.1"', 'rulesVersion: "2026.1') },
      file: 'criteria.yaml',
      problem: 'line ',
    },
    {
      broken: 'a duplicate service id',
      edits: { 'services/doposcuola-online2.yaml': () => readFileSync(join(defaultCatalogueDir, homework), 'utf8') },
      file: 'services/doposcuola-online2.yaml',
      problem: 'id: duplicate service id "doposcuola-online"',
    },
    {
      broken: 'an alternative that does not exist',
      edits: { [homework]: replace('alternatives: [supporto-domiciliare-bes', 'alternatives: [supporto-bes') },
      file: 'services/doposcuola-online.yaml',
      problem: 'alternatives.0: unknown service "supporto-bes"',
    },
    {
      broken: 'a price criterion used for eligibility',
      edits: {
        [homework]: replace('eligibility:\n', 'eligibility:\n  - criterion: isee_band\n    rule: { kind: one_of, values: [isee_up_to_10k] }\n'),
      },
      file: 'services/doposcuola-online.yaml',
      problem: 'eligibility.0.criterion: "isee_band" decides a reduced price, so it cannot decide eligibility',
    },
    {
      broken: 'a voucher service with a schedule',
      edits: {
        'services/buoni-spesa.yaml': replace(
          'schedule: []',
          'schedule:\n  - { weekdays: [1], time: "09:00", minutes: 60, capacity: 5, municipality: limena, delivery: in_person }',
        ),
      },
      file: 'services/buoni-spesa.yaml',
      problem: 'schedule: a voucher_application service has no schedule',
    },
    {
      broken: 'a welfare plan covering an unknown category',
      edits: { 'welfare.yaml': replace('coveredCategories: [anziani, welfare-aziendale]', 'coveredCategories: [anziani, welfare-aziendal]') },
      file: 'welfare.yaml',
      problem: 'plans.2.coveredCategories.1: unknown category "welfare-aziendal"',
    },
    {
      broken: 'a welfare plan covering an unknown service',
      edits: {
        'welfare.yaml': replace(
          'coveredServices: [consulenza-educativa-genitori, doposcuola-online]',
          'coveredServices: [consulenza-educativa-genitori, doposcuola]',
        ),
      },
      file: 'welfare.yaml',
      problem: 'plans.2.coveredServices.1: unknown service "doposcuola"',
    },
    {
      broken: 'a welfare account of an unknown plan',
      edits: { 'welfare.yaml': replace('plan: pvf-welfare-2026-2027\n    credit: 40.00', 'plan: pvf-welfare-2026\n    credit: 40.00') },
      file: 'welfare.yaml',
      problem: 'accounts.3.plan: unknown plan "pvf-welfare-2026"',
    },
    {
      broken: "a welfare account code that is not its employer's",
      edits: { 'welfare.yaml': replace('id: WA-PVF-0002', 'id: WA-OMB-0009') },
      file: 'welfare.yaml',
      problem: 'accounts.4.id: an account of pastificio-villafranca starts with "WA-PVF-"',
    },
    {
      broken: 'a welfare account with more than cents',
      edits: { 'welfare.yaml': replace('credit: 7.50', 'credit: 7.505') },
      file: 'welfare.yaml',
      problem: 'accounts.1.credit: ',
    },
  ];

  it.each(cases)('names the file and the path of $broken', ({ edits, file, problem }) => {
    const copy = copyWith(edits);
    expect(() => loadCatalogue(copy)).toThrow(CatalogueError);
    expect(() => loadCatalogue(copy)).toThrow(`${join(copy, file)}: ${problem}`);
  });

  it('reports every problem at once', () => {
    const copy = copyWith({
      [homework]: replace('criterion: child_age', 'criterion: chld_age'),
      'services/laboratori-lettura.yaml': replace('provider: comune-limena', 'provider: comune-limen'),
    });
    expect(() => loadCatalogue(copy)).toThrow(/chld_age[\s\S]*comune-limen"/);
  });

  it('names files inside the project by their path from the project root', () => {
    const fixture = fileURLToPath(new URL('../fixtures/catalogue-broken', import.meta.url));
    expect(() => loadCatalogue(fixture)).toThrow(
      'test/fixtures/catalogue-broken/services/doposcuola-online.yaml: eligibility.1.criterion: unknown criterion "chld_age"',
    );
  });

  it('changes the rules version when a rule changes', () => {
    const before = loadCatalogue().rulesVersion;
    const copy = copyWith({ [homework]: replace('{ kind: range, min: 6, max: 14 }', '{ kind: range, min: 6, max: 13 }') });
    const after = loadCatalogue(copy).rulesVersion;
    expect(after).toMatch(/^2026\.1\+[0-9a-f]{8}$/);
    expect(after).not.toBe(before);
  });
});
