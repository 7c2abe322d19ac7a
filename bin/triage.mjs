#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `npx triage` works right after `npm install` with no build step.
import { register } from 'tsx/esm/api';

// The SDK's notice about its future Node 22 requirement is not news to a CLI user on every run.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// Function logs (JSON) would drown the report; TRIAGE_LOG_LEVEL=INFO shows them.
process.env.POWERTOOLS_LOG_LEVEL ??= process.env.TRIAGE_LOG_LEVEL ?? 'WARN';
// CloudWatch EMF metric lines mean nothing on a terminal; TRIAGE_LOG_LEVEL shows them too.
process.env.POWERTOOLS_METRICS_DISABLED ??= process.env.TRIAGE_LOG_LEVEL ? 'false' : 'true';
// Output piped into `head` closes early: stop quietly (the exit hook still stops the local stack).
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
