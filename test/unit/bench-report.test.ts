import { describe, expect, it } from 'vitest';
import { performanceSection, type StoredResult } from '../../bench/readme-sections.ts';
import { row } from '../../bench/results.ts';

const floor = { what: 'a bare import', value: 80 };

describe('benchmark rows and the README section written from them', () => {
  it('gives a row its ratio to the floor, whether it meets the target, and its reason only when it misses', () => {
    const met = row('sla cold import', 88, 'ms', { floor, max: 1.5, reasonIfMissed: 'the SDK' });
    expect(met).toMatchObject({ ratio: 1.1, target: '≤ 1.5×', met: true });
    expect(met.reason).toBeUndefined();
    const missed = row('ingest cold import', 168, 'ms', { floor, max: 2, reasonIfMissed: 'the SDK takes 80 ms' });
    expect(missed).toMatchObject({ ratio: 2.1, met: false, reason: 'the SDK takes 80 ms' });
    expect(row('writes per email', 19, 'WCU', { max: 18 })).toMatchObject({ target: '≤ 18 WCU', met: false });
    expect(row('writes per email', 19, 'WCU', { max: 18 }).reason).toBeUndefined();
  });

  it('lists every missed target with its reason under the table, and none when all are met', () => {
    const result = (rows: StoredResult['rows']): Map<string, StoredResult> => new Map([['bundles', { name: 'bundles', date: '2026-12-01T00:00:00Z', rows }]]);
    const section = performanceSection(
      result([row('ingest cold import', 168, 'ms', { floor, max: 2, reasonIfMissed: 'the SDK takes 80 ms' }), row('sla cold import', 88, 'ms', { floor, max: 1.5 })]),
    );
    expect(section).toContain('| bundles | ingest cold import | 168.0 ms | 80.0 (a bare import) | 2.1× | ≤ 2× | no |');
    expect(section).toContain('- bundles, ingest cold import: the SDK takes 80 ms.');
    expect(section).not.toContain('- bundles, sla cold import');
    expect(performanceSection(result([row('sla cold import', 88, 'ms', { floor, max: 1.5 })]))).not.toContain('missed');
  });
});
