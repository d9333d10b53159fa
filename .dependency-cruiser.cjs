// The import rules of docs/ARCHITECTURE.md ("Boundaries"), checked by `npm run lint:boundaries` in npm test.
// Module-level cycles are checked by .dependency-cruiser-modules.cjs (a file-level cycle rule cannot see
// orders → membership/api.ts → … → orders/api.ts unless the files themselves close a loop); tables and raw SQL
// by apps/server/scripts/check-table-ownership.ts.

const MODULES = '^apps/server/src/modules/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycles between files anywhere: a cycle makes load order and responsibility ambiguous.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'module-imports-other-modules-through-api',
      severity: 'error',
      comment:
        "A module (its tests included) imports another module only through that module's api.ts, never its " +
        'services, schema or internals.',
      from: { path: `${MODULES}([^/]+)/` },
      to: { path: MODULES, pathNot: [`${MODULES}$1/`, `${MODULES}[^/]+/api\\.ts$`] },
    },
    {
      name: 'no-foreign-schema',
      severity: 'error',
      comment:
        'Only a module reads its tables: nothing outside modules/<m>/ imports modules/<m>/schema.ts (tests, ' +
        'factories, seed and scripts create data through the services). bench/ bulk-inserts load fixtures.',
      from: { pathNot: [`${MODULES}`, '^bench/'] },
      to: { path: `${MODULES}[^/]+/schema\\.ts$` },
    },
    {
      name: 'composition-root-uses-module-surfaces',
      severity: 'error',
      comment: 'app.ts, main.ts, bootstrap.ts and deps.ts see modules only through modules/index.ts and api.ts.',
      from: { path: '^apps/server/src/[^/]+\\.ts$' },
      to: { path: MODULES, pathNot: [`${MODULES}index\\.ts$`, `${MODULES}[^/]+/api\\.ts$`] },
    },
    {
      name: 'module-list-wires-routes-and-events',
      severity: 'error',
      comment: "modules/index.ts registers each module's routes and event wiring, nothing else.",
      from: { path: `${MODULES}index\\.ts$` },
      to: { path: MODULES, pathNot: `${MODULES}[^/]+/[a-z-]*(routes|events)\\.ts$` },
    },
    {
      name: 'platform-imports-no-module',
      severity: 'error',
      comment: 'platform/ is machinery without business rules: it imports no module, app, seed or test code.',
      from: { path: '^apps/server/src/platform/' },
      to: { path: '^apps/server/', pathNot: ['^apps/server/src/platform/', '^apps/server/src/(deps|config)\\.ts$'] },
    },
    {
      name: 'production-code-imports-no-test-or-seed',
      severity: 'error',
      comment: 'Modules and platform never depend on test helpers, demo data or scripts.',
      from: { path: '^apps/server/src/(modules|platform)/', pathNot: '\\.test\\.ts$' },
      to: { path: '^apps/server/(test/|scripts/|src/seed/)' },
    },
    {
      name: 'front-ends-use-the-api-client',
      severity: 'error',
      comment:
        'The shop and the console know the server only through @haowu/api-types (generated from OpenAPI), and ' +
        'share code only through packages/.',
      from: { path: '^apps/(shop|console)/' },
      to: { path: ['^apps/server/', '^bench/', '^e2e/'] },
    },
    {
      name: 'shop-and-console-stay-apart',
      severity: 'error',
      from: { path: '^apps/(shop|console)/' },
      to: { path: '^apps/(shop|console)/', pathNot: '^apps/$1/' },
    },
    {
      name: 'packages-import-no-app',
      severity: 'error',
      comment: 'Shared packages are below the apps.',
      from: { path: '^packages/' },
      to: { path: '^apps/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['(^|/)node_modules/', '(^|/)dist/', '^apps/server/migrations/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.d.ts'],
    },
  },
};
