// `npm run eval:understanding`: how well the assistant understands what residents type at the main menu, measured on
// the labelled set of test/fixtures/utterances (see its README); prints Markdown tables.
import { evaluateUnderstanding } from './evaluate.js';
import { formatReport } from './report.js';

const scored = await evaluateUnderstanding();
process.stdout.write(`${formatReport(scored)}\n`);
