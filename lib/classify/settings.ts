/** Longer text is classified on a prefix of this many characters, and the result says so. */
export const MAX_CLASSIFIED_CHARS = 20_000;

export interface Thresholds {
  /** Rule score at which a category wins on the rules alone, checked in precedence order threat > rude > complaint. */
  readonly threat: number;
  readonly rude: number;
  readonly complaint: number;
  /** Rules alone: a losing category scoring at least this much makes the decision "close": needsReview. */
  readonly review: number;
  /**
   * Below this confidence (a probability once the model is on) the decision is a guess: needsReview, and the
   * customer gets the neutral acknowledgement rather than an apology or a boundary reply.
   */
  readonly confident: number;
}

// Rules alone: complaint wins on any sign of trouble (a needless apology costs little, a missed complaint loses the customer).
export const DEFAULT_THRESHOLDS: Thresholds = { threat: 0.75, rude: 0.6, complaint: 0.35, review: 0.35, confident: 0.7 };
