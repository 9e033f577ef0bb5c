// Lint rules that carry the architecture (docs/ARCHITECTURE.md): only src/ui (and extension.ts) may import vscode;
// each layer imports only the layers below it; no default exports. These rules read the import text, for feedback
// in the editor; test/unit/architecture/layers.test.ts checks the same rules over the resolved import graph, plus
// cycles and the activation bundle's reach.
import tseslint from 'typescript-eslint';

const vscodePath = { name: 'vscode', message: 'Only src/ui and src/extension.ts may import vscode (docs/ARCHITECTURE.md).' };
/** A relative import whose path climbs into one of these top-level folders of src/. */
const into = (folders, message, extra = {}) => ({ regex: `^(\\.\\./)+(${folders.join('|')})(/|$)`, message, ...extra });

const restrict = (patterns) => ({ '@typescript-eslint/no-restricted-imports': ['error', { paths: [vscodePath], patterns }] });

const engineRule = (self) => restrict([
  into(['local', 'kube', 'azure', 'ui', 'cli', 'contract'].filter((f) => f !== self), `An engine (src/${self}) imports the core only, never another engine, the UI or the CLI (docs/ARCHITECTURE.md).`),
]);

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'dist-test/**', 'dist-pkg/**', 'test-results/**', '**/*.cjs', '**/*.mjs', '**/*.js'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' }],
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['test/unit/**', 'test/integration/**'], rules: restrict([]) },
  { files: ['src/core/**'], rules: restrict([into(['local', 'kube', 'azure', 'ui', 'cli', 'contract'], 'src/core is pure: it imports nothing of ours outside the core (docs/ARCHITECTURE.md).')]) },
  { files: ['src/local/**'], rules: engineRule('local') },
  { files: ['src/kube/**'], rules: engineRule('kube') },
  { files: ['src/azure/**'], rules: engineRule('azure') },
  {
    files: ['src/contract/**'],
    rules: restrict([
      into(['local', 'kube', 'azure', 'ui', 'cli'], 'A panel contract imports core types only (docs/ARCHITECTURE.md).'),
      into(['core'], 'A panel contract imports core types only: use `import type` (docs/ARCHITECTURE.md).', { allowTypeImports: true }),
    ]),
  },
  {
    files: ['webview/**'],
    rules: restrict([
      { regex: '^(\\.\\./)+src/(local|kube|azure|ui|cli)(/|$)', message: 'A webview imports only src/contract and src/core (docs/ARCHITECTURE.md).' },
      { regex: '^node:', message: 'A webview runs in the browser: no Node modules.' },
    ]),
  },
);
