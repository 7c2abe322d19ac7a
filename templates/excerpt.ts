/**
 * The excerpt a reply quotes, without the customer's greeting and sign-off:
 * "Hi there, the lamp … give me a full refund. Priya" quotes "the lamp … give
 * me a full refund." A reply that repeats "Hi there" or "Regards, James" back
 * to James reads like a machine wrote it.
 */
export function excerptWithoutSignOff(excerpt: string, customerName: string | undefined): string {
  const names = nameForms(customerName ?? '');
  let text = excerpt.trim().replace(GREETING, '');
  for (let changed = true; changed && text; ) {
    changed = false;
    for (const name of names) {
      if (text.toLowerCase().endsWith(name.toLowerCase())) {
        const before = text.slice(0, text.length - name.length);
        // Only a name standing alone after a sentence or a closing word ("…refund. Priya", "Regards, James"), never "a parcel for James".
        if (before === '' || AFTER_SENTENCE.test(before)) {
          text = before.trimEnd();
          changed = true;
        }
      }
    }
    const closing = CLOSING.exec(text);
    if (closing) {
      text = text.slice(0, closing.index).trimEnd();
      changed = true;
    }
    const dashes = /(?:^|\s)(?:--|-|–|—)$/u.exec(text);
    if (dashes) {
      text = text.slice(0, dashes.index).trimEnd();
      changed = true;
    }
  }
  return text.replace(/[,，]$/u, '').trim();
}

// An opening salutation followed by its punctuation: "Hi there,", "Hello team,", "Dear Sir or Madam,", "您好，".
const GREETING = /^(?:(?:hi|hello|hey|dear|good (?:morning|afternoon|evening))\b[^,，.!！:：\n]{0,30}|你好|您好|妳好|哈囉|嗨)\s*[,，.!！:：]\s*/iu;

const AFTER_SENTENCE = /[,，.。!！?？~)）]\s*$|(?:^|\s)(?:--|-|–|—)\s*$/u;

// Closing words people put before their name, in English and Chinese, at the very end and after a sentence.
const CLOSING =
  /(?:^|(?<=[,，.。!！?？~)）]\s*))(?:(?:best|kind|warm|many)\s+(?:regards|wishes|thanks)|regards|thanks(?:\s+(?:a lot|again|in advance))?|thank you(?:\s+(?:very much|in advance))?|cheers|best|sincerely|yours(?:\s+(?:truly|sincerely|faithfully))?|谢谢(?:你们|您)?|謝謝(?:你們|您)?|多谢|多謝|感谢|感謝|此致|敬礼|敬禮|祝好|顺祝商祺|順祝商祺)[\s,，.。!！~]*$/iu;

/** The ways a name may end a message: in full, first name, last name (Latin), given name (Chinese, after a one-character surname). */
function nameForms(name: string): string[] {
  const clean = name.replace(/["']/g, '').trim();
  if (!clean) return [];
  const forms = new Set([clean]);
  const words = clean.split(/\s+/).filter((w) => /\p{L}/u.test(w));
  if (words.length > 1) {
    forms.add(words[0]!);
    forms.add(words.at(-1)!);
  }
  if (/^\p{Script=Han}{3}$/u.test(clean)) forms.add(clean.slice(1));
  // Longest first, so "Priya Shah" goes before "Priya".
  return [...forms].filter((f) => f.length >= 2).sort((a, b) => b.length - a.length);
}
