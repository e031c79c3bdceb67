// ESLint: typescript-eslint's strict type-checked rules over all TypeScript; layout is Prettier's job, not ESLint's.
// Every rule turned off or loosened below says why it fights this code base; everything else is the preset as shipped.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores(['dist/', '.build-test-*/', 'coverage/', 'bench/results/']),
  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // noUncheckedIndexedAccess types every index, regex group and Map lookup as possibly undefined; after a length
      // check or a validated id, `!` is how this code states the invariant. A throw in its place is noise, not a check.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Numbers in messages and keys are the common case. Nullish and object values stay forbidden: "undefined" in a
      // message is the bug this rule is for.
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowAny: false, allowBoolean: false, allowNullish: false, allowRegExp: false, allowNever: false },
      ],
      // Step kinds, channels and stores implement Promise-returning interfaces; `async` keeps a throw a rejection
      // even where the body has nothing to await, which `Promise.resolve(...)` wrappers would lose.
      '@typescript-eslint/require-await': 'off',
      // `(x) => sideEffect(x)` callbacks and `return res.json(...)`-style early returns from void handlers are
      // idiomatic here; a void value used anywhere else is still reported.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true, ignoreVoidReturningFunctions: true }],
      // Sessions, profiles and collected answers are plain JSON records keyed by names from the dialogs; a Map would
      // not survive the store's JSON, so `delete record[key]` is how an answer is forgotten.
      '@typescript-eslint/no-dynamic-delete': 'off',
      // Objects here are closures returned by factories (`createX()` returns `{ a, b }`), with no `this` to lose; the
      // rule only sees method shorthand in their interfaces and flags every destructuring and every `turn.t` passed on.
      '@typescript-eslint/unbound-method': 'off',
      // `[...text]` is deliberate: it splits by code point so that lengths and cuts never break an emoji in half.
      // Spreading a Promise, a function or a Map into an object is still reported.
      '@typescript-eslint/no-misused-spread': ['error', { allow: [{ from: 'lib', name: 'string' }] }],
      // tsc already reports unused names (noUnusedLocals, noUnusedParameters) with the `_` and rest-sibling
      // conventions this code uses; a second reporter only disagrees with the first.
      '@typescript-eslint/no-unused-vars': 'off',
      // SDK classes (botbuilder's credential factories, prom-client's metrics) reach this code as parameters or from
      // registries typed as the class; the rule cannot tell them from structural look-alikes and flags each hand-over.
      '@typescript-eslint/no-unsafe-class-instance-assignment': 'off',
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // vitest's asymmetric matchers (expect.any, expect.objectContaining, expect.stringMatching) are typed `any`.
      '@typescript-eslint/no-unsafe-assignment': 'off',
    },
  },
  // This file is plain JavaScript outside tsconfig.json: no type information to check it with.
  { files: ['**/*.js'], extends: [tseslint.configs.disableTypeChecked] },
);
