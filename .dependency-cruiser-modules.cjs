// Module-level rules: each folder under apps/server/src/modules is one node. Only module code is cruised (tests
// may use a higher module to set up data, and the composition root imports everything by design), so a cycle
// here is one module needing another that needs it back, however many files apart the imports are.
// `npm run graph:modules` renders the same graph as docs/module-map.svg.

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-module-cycles',
      severity: 'error',
      comment:
        'Modules form a directed acyclic graph. Break a cycle with a port owned by the lower module (see ' +
        'orders/checkout-ports.ts) or an event, never by moving code into a shared grab-bag.',
      scope: 'folder',
      from: { path: '^apps/server/src/modules/[^/]+$' },
      to: { path: '^apps/server/src/modules/[^/]+$', circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: '^apps/server/src/modules/[^/]+/',
    exclude: { path: '\\.test\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'apps/server/tsconfig.json' },
  },
};
