import { describe, expect, it } from 'vitest';
import { committedConsoleApiTypes, consoleApiTypes } from '../../console/tools/api-types.ts';

describe('console: API types', () => {
  it("are generated from the agent API's OpenAPI document and up to date (npm run console:api regenerates them)", async () => {
    const generated = await consoleApiTypes();
    expect(generated).toContain('"/reports/sla"');
    expect(generated).toContain('expectedVersion: number');
    expect(await committedConsoleApiTypes()).toBe(generated);
  });
});
