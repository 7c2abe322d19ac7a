export type Language = 'en' | 'zh-Hans' | 'zh-Hant' | 'other';

// Common characters written differently in Traditional Chinese; enough to tell the scripts apart.
const TRADITIONAL_ONLY_CHARS = new Set(
  '們這個為來說對時會還後見過與從問題務資訊關係電話號碼帳戶訂單貨運費請謝頭麼讓給處經錢買賣東銷態網頁應該變氣嗎當機車隊內間難聯絡發產質極義屬濟勞權條錯誤壞'.split(''),
);
const SIMPLIFIED_ONLY_CHARS = new Set(
  '们这个为来说对时会还后见过与从问题务资讯关系电话号码账户订单货运费请谢头么让给处经钱买卖东销态网页应该变气吗当机车队内间难联络发产质极义属济劳权条错误坏'.split(''),
);

// One byte per BMP code point (1 Traditional, 2 Simplified): a table lookup instead of a string and a Set per character.
const SCRIPT = new Uint8Array(0x10000);
for (const ch of SIMPLIFIED_ONLY_CHARS) SCRIPT[ch.charCodeAt(0)] = 2;
for (const ch of TRADITIONAL_ONLY_CHARS) SCRIPT[ch.charCodeAt(0)] = 1;

/** Any Han character (CJK ideographs, extension A, compatibility ideographs): whether Chinese rules and features apply. */
export const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;

/** Characters looked at: enough to tell the language, bounded so huge mail costs no more. */
const SAMPLE = 4000;

/** Detects en / zh-Hans / zh-Hant from character scripts; mixed mail with enough Han text counts as Chinese. */
export function detectLanguage(text: string): Language {
  let han = 0;
  let latin = 0;
  let traditional = 0;
  let simplified = 0;
  const end = Math.min(text.length, SAMPLE);
  for (let i = 0; i < end; i += 1) {
    const code = text.charCodeAt(i);
    if ((code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7)) {
      latin += 1;
    } else if ((code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0xf900 && code <= 0xfaff)) {
      han += 1;
      const script = SCRIPT[code]!;
      if (script === 1) traditional += 1;
      else if (script === 2) simplified += 1;
    }
  }
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
