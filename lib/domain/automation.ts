/** Who wrote a message: a person, or a machine (and which kind), as the mail's headers and shape tell. */
export type AutomationKind = 'human' | 'bounce' | 'auto-reply' | 'feedback-report' | 'list' | 'auto-generated';

export interface Automation {
  readonly kind: AutomationKind;
  /** Short machine-readable reason, e.g. `dsn`, `auto-submitted:auto-replied`, `subject:out-of-office`. */
  readonly reason: string;
  /** For bounces: the addresses that failed, when the bounce names them. */
  readonly failedRecipients: readonly string[];
}
