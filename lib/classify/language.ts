export type Language = 'en' | 'zh-Hans' | 'zh-Hant' | 'other';

// Common characters written differently in Traditional Chinese; enough to tell the scripts apart.
const TRADITIONAL_ONLY_CHARS = new Set(
  '們這個為來說對時會還後見過與從問題務資訊關係電話號碼帳戶訂單貨運費請謝頭麼讓給處經錢買賣東銷態網頁應該變氣嗎當機車隊內間難聯絡發產質極義屬濟勞權條錯誤壞'.split(''),
);
const SIMPLIFIED_ONLY_CHARS = new Set(
  '们这个为来说对时会还后见过与从问题务资讯关系电话号码账户订单货运费请谢头么让给处经钱买卖东销态网页应该变气吗当机车队内间难联络发产质极义属济劳权条错误坏'.split(''),
);

// What each BMP code point counts as, one byte each: a table lookup per character, no branches to mispredict
// in mail that mixes scripts.
const OTHER = 0;
const LATIN = 1;
const HAN_ANY = 2;
const HAN_TRADITIONAL = 3;
const HAN_SIMPLIFIED = 4;
const KIND = new Uint8Array(0x10000);
KIND.fill(LATIN, 0x41, 0x5b);
KIND.fill(LATIN, 0x61, 0x7b);
KIND.fill(LATIN, 0xc0, 0x250);
KIND[0xd7] = OTHER;
KIND[0xf7] = OTHER;
KIND.fill(HAN_ANY, 0x3400, 0x4dc0);
KIND.fill(HAN_ANY, 0x4e00, 0xa000);
KIND.fill(HAN_ANY, 0xf900, 0xfb00);
for (const ch of SIMPLIFIED_ONLY_CHARS) KIND[ch.charCodeAt(0)] = HAN_SIMPLIFIED;
for (const ch of TRADITIONAL_ONLY_CHARS) KIND[ch.charCodeAt(0)] = HAN_TRADITIONAL;

/** Any Han character (CJK ideographs, extension A, compatibility ideographs): whether Chinese rules and features apply. */
export const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;

/** Characters looked at: enough to tell the language, bounded so huge mail costs no more. */
const SAMPLE = 4000;

/** Detects en / zh-Hans / zh-Hant from character scripts; mixed mail with enough Han text counts as Chinese. */
export function detectLanguage(text: string): Language {
  const tally = new Int32Array(5);
  const end = Math.min(text.length, SAMPLE);
  for (let i = 0; i < end; i += 1) tally[KIND[text.charCodeAt(i)]!]! += 1;
  const latin = tally[LATIN]!;
  const traditional = tally[HAN_TRADITIONAL]!;
  const simplified = tally[HAN_SIMPLIFIED]!;
  const han = tally[HAN_ANY]! + traditional + simplified;
  if (han === 0 && latin === 0) return 'other';
  // A Han character carries about as much as a word of four or five Latin letters.
  if (han * 4 >= latin && han >= 2) return traditional > simplified ? 'zh-Hant' : 'zh-Hans';
  return latin >= 2 && looksEnglish(text.slice(0, SAMPLE)) ? 'en' : 'other';
}

// Latin script is not always English: a few very common English words tell it apart from other languages.
const ENGLISH_WORDS = /\b(?:the|and|you|your|my|is|are|to|of|for|it|i|we|not|have|this|that|with|please|hi|hello|thanks?|order|can|will|be|on|in)\b/i;

function looksEnglish(text: string): boolean {
  return ENGLISH_WORDS.test(text) || text.length < 40;
}
