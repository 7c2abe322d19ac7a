/**
 * The only paths of the agent API served without a token, to GET (and HEAD) only: the OpenAPI document and its
 * reference page (they describe the API and hold no data). The function refuses every other request without one,
 * and the HTTP API's JWT authorizer covers every route but GET on these (infra/cdk/agent-api.ts).
 */
export const PUBLIC_PATHS = ['/openapi.json', '/docs'] as const;
