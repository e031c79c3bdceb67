// `node dist/main.js`: the built assistant. tsc mirrors the project under dist/ (src/ and backend/ import each other),
// so this module only puts the entry point where the image and the README name it; the assistant is src/main.ts.
import './src/main.js';
