// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/**
 * Dependency direction (DESIGN.md): handlers → services → domain; adapters implement ports; domain
 * imports nothing but contracts; the web imports only contracts and pure domain rules; infra refers
 * to handlers by path and imports no runtime code; nothing imports a handler.
 */
// `import { z }` pulls every zod locale into each Lambda bundle (~450 kB); the namespace import
// lets esbuild drop them (~85 kB). Measured by `npm run bench`.
const zodNamespace = {
  selector: "ImportDeclaration[source.value='zod'] > ImportSpecifier[imported.name='z']",
  message: "Use `import * as z from 'zod'`: the named import defeats tree-shaking.",
};
const restrict = (patterns) => ({
  'no-restricted-imports': ['error', { patterns }],
});
const aws = {
  group: ['@aws-sdk/*', 'aws-sdk', 'aws-cdk-lib', 'aws-cdk-lib/*'],
  message: 'No AWS SDK here: go through a port.',
};
const layer = (name, why) => ({ group: [`**/${name}`, `**/${name}/**`], message: why });
const handlers = layer('handlers', 'Nothing imports a handler: handlers are entry points.');

export default tseslint.config(
  {
    ignores: ['node_modules/', 'cdk.out/', 'dist/', 'web/dist/', 'coverage/', '.local-data/'],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      'no-restricted-syntax': ['error', zodNamespace],
    },
  },
  {
    files: ['functions/contracts/**'],
    rules: restrict([
      aws,
      {
        group: ['../*', '!../contracts', '!../contracts/*'],
        message: 'Contracts import only zod and other contracts.',
      },
    ]),
  },
  {
    files: ['functions/domain/**'],
    rules: restrict([
      aws,
      { group: ['node:*'], message: 'Domain code is pure: no I/O.' },
      layer('adapters', 'Domain never imports an adapter.'),
      layer('services', 'Domain never imports services.'),
      layer('ports', 'Domain never imports ports.'),
      layer('platform', 'Domain never imports the platform.'),
      layer('local', 'Domain never imports the local platform.'),
      handlers,
    ]),
  },
  {
    files: ['functions/ports/**', 'functions/services/**'],
    rules: restrict([
      aws,
      layer('adapters', 'Services and ports never import an adapter: depend on the port.'),
      layer('platform', 'Services never import the platform.'),
      layer('local', 'Services never import the local platform.'),
      handlers,
    ]),
  },
  {
    files: ['functions/adapters/**', 'functions/platform/**'],
    rules: restrict([
      handlers,
      layer('services', 'Adapters implement ports; they do not call services.'),
    ]),
  },
  {
    files: ['functions/handlers/**'],
    rules: restrict([
      aws,
      { group: ['**/adapters/**'], message: 'Handlers get adapters from the platform container.' },
      handlers,
    ]),
  },
  {
    files: ['functions/local/**', 'bench/**'],
    rules: restrict([handlers]),
  },
  {
    files: ['infra/**'],
    rules: restrict([
      layer('services', 'Infra refers to handlers by path; it imports no runtime code.'),
      layer('platform', 'Infra imports no runtime code.'),
      layer('domain', 'Infra imports no runtime code.'),
      layer('local', 'Infra imports no runtime code.'),
      {
        regex: 'adapters/(?!dynamodb/table-schema$)',
        message: 'Infra imports only the table schema.',
      },
      handlers,
    ]),
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict([
        aws,
        { group: ['node:*'], message: 'Browser code.' },
        layer('services', 'The web imports only contracts and pure domain rules.'),
        layer('adapters', 'The web imports only contracts and pure domain rules.'),
        layer('platform', 'The web imports only contracts and pure domain rules.'),
        layer('ports', 'The web imports only contracts and pure domain rules.'),
        {
          group: ['**/functions/local/**'],
          message: 'The web imports only contracts and pure domain rules.',
        },
        handlers,
      ]),
    },
  },
  {
    files: ['web/features/**'],
    rules: restrict([
      aws,
      {
        regex: '^\\.\\./(?!\\.\\./lib(/|$))',
        message: 'No imports between features: share through lib/ or contracts.',
      },
      layer('services', 'The web imports only contracts and pure domain rules.'),
      layer('adapters', 'The web imports only contracts and pure domain rules.'),
      layer('platform', 'The web imports only contracts and pure domain rules.'),
      handlers,
    ]),
  },
  {
    files: ['tests/**', 'bench/**', 'functions/local/**'],
    rules: { 'no-console': 'off' },
  },
);
