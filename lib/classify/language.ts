export type Language = 'en' | 'zh-Hans' | 'zh-Hant' | 'other';

const HAN = /\p{Script=Han}/gu;
const LATIN = /\p{Script=Latin}/gu;

// Common characters written differently in Traditional Chinese; enough to tell the scripts apart.
const TRADITIONAL_ONLY = new Set(
  '們這個為來說對時會還後見過與從問題務資訊關係電話號碼帳戶訂單貨運費請謝頭麼讓給寄件處理經錢買賣東銷態買號網頁應該變氣嗎當機車隊內間難聯絡發貨產質極義屬濟勞權條錯誤壞'.split(''),
);
const SIMPLIFIED_ONLY = new Set(
  '们这个为来说对时会还后见过与从问题务资讯关系电话号码账户订单货运费请谢头么让给处理经钱买卖东销态号网页应该变气吗当机车队内间难联络发产质极义属济劳权条错误坏'.split(''),
);

/** Detects en / zh-Hans / zh-Hant from character scripts; mixed mail with enough Han text counts as Chinese. */
export function detectLanguage(text: string): Language {
  const han = text.match(HAN)?.length ?? 0;
  const latin = text.match(LATIN)?.length ?? 0;
  if (han === 0 && latin === 0) return 'other';
  // A Han character carries about as much as a word of four or five Latin letters.
  if (han * 4 >= latin && han >= 2) {
    let traditional = 0;
    let simplified = 0;
    for (const ch of text) {
      if (TRADITIONAL_ONLY.has(ch)) traditional += 1;
      else if (SIMPLIFIED_ONLY.has(ch)) simplified += 1;
    }
    return traditional > simplified ? 'zh-Hant' : 'zh-Hans';
  }
  return latin >= 2 ? 'en' : 'other';
}
