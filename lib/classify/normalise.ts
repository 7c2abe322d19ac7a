/**
 * Folds the ways people write the same word onto one form for matching:
 * NFKC (full-width letters and digits), lower case, common obfuscations of
 * profanity (f*ck, sh1t), and a small Traditional→Simplified map so one
 * Chinese lexicon covers both scripts.
 */
const T2S: Readonly<Record<string, string>> = {
  們: '们',
  這: '这',
  個: '个',
  為: '为',
  來: '来',
  說: '说',
  對: '对',
  時: '时',
  會: '会',
  還: '还',
  後: '后',
  過: '过',
  與: '与',
  從: '从',
  問: '问',
  題: '题',
  務: '务',
  錢: '钱',
  買: '买',
  賣: '卖',
  貨: '货',
  訂: '订',
  單: '单',
  請: '请',
  謝: '谢',
  麼: '么',
  讓: '让',
  給: '给',
  處: '处',
  壞: '坏',
  損: '损',
  質: '质',
  遲: '迟',
  發: '发',
  錯: '错',
  滿: '满',
  態: '态',
  氣: '气',
  憤: '愤',
  語: '语',
  評: '评',
  騙: '骗',
  訴: '诉',
  協: '协',
  監: '监',
  報: '报',
  腦: '脑',
  殘: '残',
  癡: '痴',
  廢: '废',
  東: '东',
  臉: '脸',
  媽: '妈',
  殺: '杀',
  燒: '烧',
  夠: '够',
  師: '师',
  書: '书',
  賠: '赔',
  償: '偿',
  補: '补',
  換: '换',
  裡: '里',
  妳: '你',
  麵: '面',
  產: '产',
  應: '应',
  該: '该',
  誤: '误',
  難: '难',
  聯: '联',
  絡: '络',
  號: '号',
  碼: '码',
  帳: '账',
  戶: '户',
  運: '运',
  費: '费',
  頭: '头',
  經: '经',
  銷: '销',
  網: '网',
  頁: '页',
  變: '变',
  嗎: '吗',
  當: '当',
  機: '机',
  車: '车',
  隊: '队',
  內: '内',
  間: '间',
  紀: '纪',
  錄: '录',
  體: '体',
  達: '达',
  見: '见',
  著: '着',
  樣: '样',
  幫: '帮',
  實: '实',
  際: '际',
  擊: '击',
  動: '动',
};

const LEET: Readonly<Record<string, string>> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '@': 'a', $: 's' };

const HAN_RANGE = /[\u4e00-\u9fff]/;
// The Simplified form of each Traditional character in T2S, by code unit (0: none).
const SIMPLIFIED = new Uint16Array(0x10000);
for (const [traditional, simplified] of Object.entries(T2S)) SIMPLIFIED[traditional.charCodeAt(0)] = simplified.charCodeAt(0);
const SPACED_LETTERS = /\b(?:[a-z][ .*_-]){2,}[a-z]\b/g;
const SPACED_HINT = /\b[a-z][ .*_-][a-z][ .*_-][a-z]\b/;
// A letter next to a mask or digit; written to start with the rarer class, which V8 scans for quickly.
const MASKED_HINT = /[*@$0-9](?:(?<=[a-z].)|(?=[a-z]))/;

export function normaliseForMatching(text: string): string {
  let out = text.normalize('NFKC').toLowerCase();
  // Each pass below runs only when a cheap test says it can change something: this is the hot path.
  if (HAN_RANGE.test(out)) out = foldTraditional(out);
  // Letters split by spaces or dots ("f u c k", "s.h.i.t") are joined back.
  if (SPACED_HINT.test(out)) out = out.replace(SPACED_LETTERS, (m) => m.replace(/[ .*_-]/g, ''));
  // Masked or leet profanity: f*ck, f**k, sh1t, 1d1ot, a$$hole.
  if (MASKED_HINT.test(out)) {
    out = out.replace(/\b[a-z0-9][a-z*@$0-9]{2,}\b/g, (word) => (/[*@$0-9]/.test(word) && (word.match(/[a-z]/g)?.length ?? 0) >= 2 ? unmask(word) : word));
  }
  return out;
}

/** Traditional characters in T2S become Simplified; a text without any comes back as it is. */
function foldTraditional(text: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i += 1) {
    const simplified = SIMPLIFIED[text.charCodeAt(i)]!;
    if (simplified === 0) continue;
    out += text.slice(from, i) + String.fromCharCode(simplified);
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

function unmask(word: string): string {
  const leet = word.replace(/[013457@$]/g, (c) => LEET[c] ?? c);
  if (/^f\*+k/.test(leet) || /^f\*c?k/.test(leet) || /^fu\*k/.test(leet)) return leet.replace(/^f[u*]*c?\**k/, 'fuck');
  if (/^sh\*t/.test(leet)) return leet.replace(/^sh\*t/, 'shit');
  return leet;
}
