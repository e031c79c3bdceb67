// `npm run report:unmet [-- --lang it] [--limit 20]`: what residents searched for and did not find, most frequent first,
// per language, from the Redis at REDIS_URL (under REDIS_KEY_PREFIX). Only scrubbed words are kept (scrub.ts).
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { connectRedisUnmetNeeds } from './redis-store.js';
import type { UnmetTerm } from './store.js';

/** The report as printed: a heading per language, then count and words, one search a line. */
function formatReport(top: Record<string, UnmetTerm[]>): string {
  const languages = Object.keys(top);
  if (languages.length === 0) return 'No unmet searches kept.';
  return languages
    .map((lang) => {
      const terms = top[lang]!;
      const width = String(terms[0]?.count ?? 0).length;
      const lines = terms.map((t) => `  ${String(t.count).padStart(width)}  ${t.terms}`);
      return [`${lang} (${terms.length})`, ...(lines.length > 0 ? lines : ['  (none)'])].join('\n');
    })
    .join('\n\n');
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { lang: { type: 'string' }, limit: { type: 'string', default: '20' } } });
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    console.error('report:unmet: --limit must be a whole number from 1 to 1000');
    return 1;
  }
  if (values.lang !== undefined && !/^[a-z]{2,3}$/.test(values.lang)) {
    console.error('report:unmet: --lang must be a language code such as it');
    return 1;
  }
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    for (const problem of err.problems) console.error(problem);
    return 1;
  }
  if (!config.redisUrl) {
    // Without Redis the searches live in the memory of the running assistant: only its own endpoint can list them.
    console.error('report:unmet: REDIS_URL is not set; without Redis ask the running assistant: GET /operator/unmet (OPERATOR_TOKEN)');
    return 1;
  }
  const unmet = await connectRedisUnmetNeeds({ url: config.redisUrl, prefix: config.redisKeyPrefix });
  try {
    const languages = values.lang ? [values.lang] : await unmet.languages();
    const top = Object.fromEntries(await Promise.all(languages.map(async (lang) => [lang, await unmet.top(lang, limit)] as const)));
    console.log(formatReport(top));
    return 0;
  } finally {
    await unmet.close();
  }
}

process.exitCode = await main();
