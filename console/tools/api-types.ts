import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { type AgentApiDeps, createAgentApi } from '../../functions/agent-api/app.ts';

const API_DIR = join(fileURLToPath(import.meta.url), '..', '..', 'src', 'api');
export const SCHEMA_FILE = join(API_DIR, 'schema.d.ts');

const HEADER = "// Generated from the agent API's OpenAPI document by `npm run console:api`; do not edit.\n";

/** The agent API's OpenAPI document, as `/openapi.json` serves it (describing routes needs none of the API's dependencies). */
export async function agentApiDocument(): Promise<Record<string, unknown>> {
  const app = createAgentApi({} as AgentApiDeps);
  const response = await app.request('/openapi.json');
  return (await response.json()) as Record<string, unknown>;
}

/** The console's types, generated from the document by openapi-typescript. */
export async function consoleApiTypes(): Promise<string> {
  const ast = await openapiTS(JSON.stringify(await agentApiDocument()));
  return HEADER + astToString(ast);
}

export async function committedConsoleApiTypes(): Promise<string> {
  return readFile(SCHEMA_FILE, 'utf8');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await writeFile(SCHEMA_FILE, await consoleApiTypes());
  console.log(`wrote ${SCHEMA_FILE}`);
}
