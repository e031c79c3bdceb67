// `npm run openapi`: writes the generated contract to docs/openapi.json, the published copy.
import { mkdirSync, writeFileSync } from 'node:fs';
import { buildOpenApiDocument } from './openapi.js';

const target = new URL('../docs/openapi.json', import.meta.url);
mkdirSync(new URL('.', target), { recursive: true });
writeFileSync(target, `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`);
console.log(`wrote ${target.pathname}`);
