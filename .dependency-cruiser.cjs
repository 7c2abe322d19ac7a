/**
 * The layers, enforced (npm run lint:deps, part of npm test). Inward only:
 *   cli ─▶ infra ─▶ functions ─▶ lib/use-cases ─▶ lib/mail, lib/classify ─▶ lib/domain
 *                              └▶ lib/adapters (AWS SDK) ─┘          templates ─▶ lib/domain
 * The domain is pure TypeScript: no AWS, no I/O libraries, nothing outside itself.
 */
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'Import cycles make layers meaningless.', from: {}, to: { circular: true } },
    {
      name: 'classic-zod-only-in-the-agent-api',
      severity: 'error',
      comment:
        'Everywhere else zod is lib/domain/zod.ts (zod/mini): classic zod puts 85 kB in every function; only the agent API routes need it (@hono/zod-openapi). Resolved paths may be type files (.d.cts), so all of zod but mini, core and locales is matched.',
      from: { path: '^(lib|templates|cli|infra|bin|bench)/|^functions/(?!agent-api/)' },
      to: { path: '^node_modules/(zod/(?!(v4/)?mini/|v4/core/|v4/locales/)|@hono/zod-openapi/)' },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'lib/domain depends on nothing else in the project.',
      from: { path: '^lib/domain/' },
      to: { path: '^(lib/(?!domain/)|infra/|functions/|cli/|templates/|bin/|bench/)' },
    },
    {
      name: 'domain-no-io-libraries',
      severity: 'error',
      comment: 'No AWS, Lambda tooling, mail parsing or template engine in the domain.',
      from: { path: '^lib/domain/' },
      to: { path: 'node_modules/(@aws-sdk|@aws-lambda-powertools|aws-lambda|mailparser|nodemailer|handlebars|html-to-text)' },
    },
    {
      name: 'services-depend-on-domain-only',
      severity: 'error',
      comment: 'Mail parsing and classification know the domain, not use cases, adapters or the outside.',
      from: { path: '^lib/(mail|classify)/' },
      to: { path: '^(lib/(adapters|use-cases|config)/|infra/|functions/|cli/|templates/|bin/)' },
    },
    {
      name: 'use-cases-through-ports',
      severity: 'error',
      comment: 'Use cases reach the world through ports; adapters and templates are wired in by the composition roots.',
      from: { path: '^lib/use-cases/' },
      to: { path: '^(lib/adapters/|lib/config/|infra/|functions/|cli/|templates/|bin/)|node_modules/(@aws-sdk|handlebars)' },
    },
    {
      name: 'adapters-do-not-call-use-cases',
      severity: 'error',
      from: { path: '^lib/adapters/' },
      to: { path: '^(lib/use-cases/|infra/|functions/|cli/|bin/)' },
    },
    {
      name: 'aws-sdk-only-in-adapters',
      severity: 'error',
      comment: 'Handlers build clients through lib/adapters/aws; nothing else in lib, templates or functions talks to AWS.',
      from: { path: '^(lib|templates|functions)/', pathNot: '^lib/adapters/' },
      to: { path: 'node_modules/@aws-sdk/' },
    },
    {
      name: 'lib-never-outward',
      severity: 'error',
      comment: 'lib is imported by the outer layers, never the other way.',
      from: { path: '^lib/' },
      to: { path: '^(infra|functions|cli|bin|bench)/' },
    },
    {
      name: 'templates-know-the-domain-only',
      severity: 'error',
      from: { path: '^templates/' },
      to: { path: '^(lib/(?!domain/)|infra/|functions/|cli/|bin/)' },
    },
    {
      name: 'functions-not-infra',
      severity: 'error',
      comment: 'A handler is deployed alone: it may not need the CDK app, the local stack or the CLI.',
      from: { path: '^functions/' },
      to: { path: '^(infra|cli|bin|bench)/' },
    },
    {
      name: 'infra-not-cli',
      severity: 'error',
      from: { path: '^infra/' },
      to: { path: '^(cli|bin)/' },
    },
    {
      name: 'console-stands-alone',
      comment: 'The console runs in browsers: it reaches the API over HTTP (types generated from its OpenAPI document), never server code.',
      severity: 'error',
      from: { path: '^console/src/' },
      to: { path: '^(lib|infra|functions|cli|bin|bench|templates)/|node_modules/(@aws-sdk|hono|@hono|jose|handlebars|nodemailer|mailparser)' },
    },
    {
      name: 'no-test-code-in-the-product',
      severity: 'error',
      from: { pathNot: '^test/' },
      to: { path: '^test/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // node_modules stay in the graph as leaves (doNotFollow): the rules about libraries need to see them.
    exclude: { path: '^(cdk\\.out|coverage)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
