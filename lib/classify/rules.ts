import type { Category } from '../domain/ticket.ts';

export interface Rule {
  readonly id: string;
  readonly category: Exclude<Category, 'routine'>;
  readonly pattern: RegExp;
  readonly weight: number;
  readonly subtype?: string;
  /** Skip the match when a negation stands just before it ("not angry", "不是要投诉"). */
  readonly negatable?: boolean;
}

// English. Word boundaries matter: "sue" must not fire inside "issue".
const EN: readonly Rule[] = [
  { id: 'en.legal.action', category: 'threat', subtype: 'legal', weight: 1, negatable: true,
    pattern: /\b(sue|suing|lawsuit|legal action|legal proceedings|take (you|this|it) to court|see you in court|small claims|class action)\b/ },
  { id: 'en.legal.counsel', category: 'threat', subtype: 'legal', weight: 1, negatable: true,
    pattern: /\b(my|our|a) (lawyer|attorney|solicitor|legal team)s?\b/ },
  { id: 'en.legal.authority', category: 'threat', subtype: 'legal', weight: 1, negatable: true,
    pattern: /\b(report|reporting) (you|this|your company)\b.{0,40}\b(police|regulator|authorit|ftc|bbb|trading standards|ombudsman|attorney general)/ },
  { id: 'en.violence.direct', category: 'threat', subtype: 'violence', weight: 1.2, negatable: true,
    pattern: /\b(kill|hurt|beat|stab|shoot|punch|smash|strangle|burn down|blow up)\b.{0,20}\b(you|your|staff|store|office|everyone)\b/ },
  { id: 'en.violence.menace', category: 'threat', subtype: 'violence', weight: 1.2,
    pattern: /\b(i know where you live|watch your back|you('| a)re (dead|going to pay)|you will regret)\b/ },
  { id: 'en.safety.self', category: 'threat', subtype: 'safety', weight: 1.2,
    pattern: /\b(kill myself|end my life|suicid|hurt myself|don'?t want to live)/ },
  { id: 'en.rude.directed-profanity', category: 'rude', weight: 1.1,
    pattern: /\b(f+u+c+k+|screw|damn) (you|u|off|your)\b|\b(you|u) (suck|f+u+c+k+ing)\b|\bshut up\b|\bgo to hell\b/ },
  { id: 'en.rude.insult', category: 'rude', weight: 1.1,
    pattern: /\b(you|you're|you are|your staff|your people|you guys)( are)? (a |an |such )?(bunch of )?(complete |total |useless |stupid |fucking )?(idiot|moron|imbecile|clown|loser|scum|bastard|jerk|incompetent|pathetic|useless|stupid|liar|thie(f|ves)|crook)s?\b/ },
  { id: 'en.rude.epithet', category: 'rude', weight: 0.8,
    pattern: /\b(idiots|morons|imbeciles|clowns|bastards|scumbags|assholes|dickheads)\b/ },
  { id: 'en.complaint.problem', category: 'complaint', weight: 0.7, negatable: true,
    pattern: /\b(broken|damaged|defective|faulty|stopped working|doesn'?t work|not working|never (arrived|came|received)|still (waiting|not)|wrong (item|size|order|colou?r|product)|missing|overcharged|charged twice|double charged|late|delayed)\b/ },
  { id: 'en.complaint.feeling', category: 'complaint', weight: 0.7, negatable: true,
    pattern: /\b(disappointed|unacceptable|frustrat|fed up|terrible|awful|horrible|worst|ridiculous|poor (service|quality)|rude staff|complain|complaint|unhappy|not happy|dissatisfied)/ },
  { id: 'en.complaint.demand', category: 'complaint', weight: 0.7, negatable: true,
    pattern: /\b(refund|money back|compensat|reimburse|cancel my (order|subscription|account)|replacement)\b/ },
];

// Chinese: matched on the Simplified-normalised text (see normalise.ts).
const ZH: readonly Rule[] = [
  { id: 'zh.legal.action', category: 'threat', subtype: 'legal', weight: 1, negatable: true,
    pattern: /(起诉|告你们|告到法院|打官司|上法庭|法院见|找律师|请律师|律师函|走法律程序|法律途径)/ },
  { id: 'zh.legal.authority', category: 'threat', subtype: 'legal', weight: 1, negatable: true,
    pattern: /(12315|消协|消费者协会|工商局|市场监管|监管部门|报警|向媒体曝光)/ },
  { id: 'zh.violence.direct', category: 'threat', subtype: 'violence', weight: 1.2,
    pattern: /((杀|弄|打|砍|捅)死你|杀了你|炸了你们|烧了你们|你给我等着|让你好看|要你好看)/ },
  { id: 'zh.safety.self', category: 'threat', subtype: 'safety', weight: 1.2, pattern: /(自杀|不想活了|轻生)/ },
  { id: 'zh.rude.insult', category: 'rude', weight: 1.1,
    pattern: /(傻[逼比]|\bsb\b|脑残|智障|白痴|蠢货|废物|王八蛋|混蛋|狗东西|有病吧|不要脸|去死|滚蛋|他妈的?|妈的|操你|尼玛|特么)/ },
  { id: 'zh.complaint.problem', category: 'complaint', weight: 0.7, negatable: true,
    pattern: /(坏了|破损|损坏|质量差|质量问题|太慢|迟迟|还没(收到|到)|没收到|发错|少发|漏发|不能用|用不了|故障|延误|多扣|扣了两次)/ },
  { id: 'zh.complaint.feeling', category: 'complaint', weight: 0.7, negatable: true,
    pattern: /(投诉|失望|不满意?|太差|很差|差劲|态度差|糟糕|气愤|无语|差评|受骗|欺骗)/ },
  { id: 'zh.complaint.demand', category: 'complaint', weight: 0.7, negatable: true,
    pattern: /(退款|退货|退钱|赔偿|补偿|换货)/ },
];

export const DEFAULT_RULES: readonly Rule[] = [...EN, ...ZH];

export const NEGATION_EN = /\b(not|no|never|don'?t|doesn'?t|won'?t|isn'?t|am not|aren'?t|wasn'?t|without)\b[^.!?]{0,12}$/;
export const NEGATION_ZH = /(不是|不会|不想|没有|并非|不用|不要|无需|别)[^。！？]{0,3}$/;
