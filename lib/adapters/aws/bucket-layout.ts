/** Where things live in the raw-mail bucket; the topology, the receipt rule, the functions and their grants all read it here. */
export const BUCKET_PREFIXES = {
  /** Where the SES receipt rule's S3 action writes raw MIME. */
  inbound: 'inbound/',
  /** Attachments of inbound mail, one object each, referenced from the message items. */
  attachments: 'attachments/',
  /** Where the local stack keeps an exact copy of every raw message it sends. */
  sent: 'sent/',
  /** Admins' template overrides (`NAME/LOCALE/PART.hbs`), read by the mailer. */
  templates: 'templates/',
} as const;
