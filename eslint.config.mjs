// Lint rules that carry the architecture: only src/ui (and extension.ts) may import vscode; no default exports.
import tseslint from 'typescript-eslint';

const noVscode = {
  'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'Only src/ui and src/extension.ts may import vscode (ARCHITECTURE.md).' }] }],
};

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
  { files: ['src/core/**', 'src/local/**', 'src/kube/**', 'src/azure/**', 'src/contract/**', 'webview/**', 'test/unit/**', 'test/integration/**'], rules: noVscode },
);
