// The layering rule, checked by `npm run deps` (and CI): each folder is a layer and imports only
// the layers below it.
//
//   entry (server.ts, main.ts, job-runner.ts) → compose.ts → mcp, cli → flows → {jobs, store, domain} → core
//
// Only mcp/ imports the MCP SDK; only compose.ts (and tests) imports sandbox/; the domains do not
// import each other; nothing imports an entry point; and there are no cycles, type-only imports
// included.

/** A rule: files under `from` may import only from these folders (and packages). */
const only = (name, from, allowed, comment) => ({
  name,
  comment,
  severity: 'error',
  from: { path: from },
  to: { path: '^src/', pathNot: allowed },
});

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'A cycle makes two modules one: neither can be read, changed or tested alone.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'mcp-sdk-only-in-mcp',
      comment: 'Only src/mcp/ knows MCP: flows, domains and stores are used the same from any transport.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/mcp/' },
      to: { path: 'node_modules/@modelcontextprotocol/' },
    },
    {
      name: 'sandbox-only-from-compose',
      comment: "The sandbox's stand-ins are wired in one place, compose.ts; no other code may know they exist.",
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(compose\\.ts|sandbox/)' },
      to: { path: '^src/sandbox/' },
    },
    only(
      'core-imports-nothing',
      '^src/core/',
      '^src/core/',
      'core/ is the bottom layer: it imports nothing from src/.',
    ),
    only('domain-over-core', '^src/domain/', '^src/(core|domain)/', 'domain/ knows no store, job, flow or transport.'),
    only(
      'domain-prompt-alone',
      '^src/domain/prompt/',
      '^src/(core|domain/prompt)/',
      'A domain imports core/ and itself only.',
    ),
    only(
      'domain-faces-alone',
      '^src/domain/faces/',
      '^src/(core|domain/faces)/',
      'A domain imports core/ and itself only.',
    ),
    only(
      'domain-images-alone',
      '^src/domain/images/',
      '^src/(core|domain/images)/',
      'A domain imports core/ and itself only.',
    ),
    only(
      'domain-heygen-alone',
      '^src/domain/heygen/',
      '^src/(core|domain/heygen)/',
      'A domain imports core/ and itself only.',
    ),
    only(
      'store-over-core',
      '^src/store/',
      '^src/(core|store)/',
      'store/ keeps records; it knows no domain, job or flow.',
    ),
    only('jobs-over-core', '^src/jobs/', '^src/(core|jobs)/', 'jobs/ runs any kind of work; the kinds are injected.'),
    only(
      'flows-over-jobs-store-domain',
      '^src/flows/',
      '^src/(core|domain|store|jobs|flows)/',
      'flows/ combines the domains, the stores and the jobs; it knows no transport.',
    ),
    only(
      'mcp-over-flows',
      '^src/mcp/',
      '^src/(core|domain|store|jobs|flows|mcp)/',
      'mcp/ renders the use cases for MCP; it is given its services, it does not build them.',
    ),
    only(
      'cli-over-flows',
      '^src/cli/',
      '^src/(core|domain|store|jobs|flows|cli)/',
      'cli/ renders the use cases for a person at a terminal, as mcp/ does for an MCP client.',
    ),
    only(
      'sandbox-over-domain',
      '^src/sandbox/',
      '^src/(core|domain|sandbox)/',
      'The sandbox stands in for providers: it may implement their interfaces, nothing more.',
    ),
    {
      name: 'no-importing-entries',
      comment:
        'An entry point starts a process; importing one would start it again (server.ts checks Node, then loads main.ts).',
      severity: 'error',
      from: { pathNot: '^src/server\\.ts$' },
      to: { path: '^src/(server|main|job-runner)\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
