// `npm run openapi`: writes the generated contract to docs/openapi.json, the published copy.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PROJECT_ROOT } from '../src/paths.js';
import { buildOpenApiDocument } from './openapi.js';

const target = join(PROJECT_ROOT, 'docs', 'openapi.json');
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`);
console.log(`wrote ${target}`);
