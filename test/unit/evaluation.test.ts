import { describe, expect, it } from 'vitest';
import { evaluate, type LabelledPrediction } from '../../lib/classify/evaluation.ts';
import type { Category } from '../../lib/domain/ticket.ts';

const p = (gold: Category, predicted: Category, group = 'en'): LabelledPrediction => ({ id: `${gold}-${predicted}`, group, gold, predicted });

describe('evaluate', () => {
  it('computes precision, recall, F1, macro-F1 and the confusion matrix', () => {
    const report = evaluate([p('threat', 'threat'), p('threat', 'routine'), p('routine', 'routine'), p('routine', 'rude'), p('complaint', 'complaint'), p('rude', 'rude')]);
    expect(report.perClass.threat).toEqual({ precision: 1, recall: 0.5, f1: 2 / 3, support: 2 });
    expect(report.perClass.rude.precision).toBe(0.5);
    expect(report.perClass.routine).toMatchObject({ precision: 0.5, recall: 0.5, support: 2 });
    expect(report.confusion.threat.routine).toBe(1);
    expect(report.routineToThreatOrRude).toBe(0.5);
    expect(report.macroF1).toBeCloseTo((2 / 3 + 2 / 3 + 1 + 0.5) / 4, 10);
    expect(report.accuracy).toBeCloseTo(4 / 6, 10);
  });

  it('averages only over classes that occur', () => {
    expect(evaluate([p('routine', 'routine')]).macroF1).toBe(1);
    expect(evaluate([]).rows).toBe(0);
  });
});
