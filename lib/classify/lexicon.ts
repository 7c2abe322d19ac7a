import type { Category } from '../domain/ticket.ts';

/**
 * The vocabulary of the rules classifier, written from how people complain,
 * insult and threaten in support mail. Each entry is a list of regular
 * expression fragments; English entries are matched on word boundaries.
 * Admins extend or override entries through the classifier config.
 */
export interface LexiconEntry {
  readonly id: string;
  readonly category: Exclude<Category, 'routine'>;
  readonly weight: number;
  readonly terms: readonly string[];
  readonly language: 'en' | 'zh';
  readonly subtype?: string;
  /** Skip a match that stands right after a negation ("not angry", "我不是要投诉"). */
  readonly negatable?: boolean;
}

// First person, up to a few words, then a future or intent marker: "I'll", "we are going to", "I really am just going to".
const I_WILL = "\\b(?:i|we)\\b[^.!?\\n]{0,25}?(?:'ll|\\b(?:will|shall|going to|gonna|want to|wanna|have to|intend to|plan to|about to|fixing to))\\s+(?:\\w+\\s+){0,4}?";
const VIOLENT_VERB = '(?:kill|murder|shoot|stab|hurt|beat|bash|punch|slap|smack|choke|strangle|hang|lynch|rape|burn|bomb|blow up|attack|assault|destroy|smash|break your|slit|knife|gun down|execute|torture|exterminate|wipe out|eliminate|put an end to|get rid of)';

export const DEFAULT_LEXICON: readonly LexiconEntry[] = [
  // ── threat: legal ─────────────────────────────────────────────────────────
  { id: 'en.threat.legal-action', language: 'en', category: 'threat', subtype: 'legal', weight: 1, negatable: true,
    terms: ['sue', 'suing', 'sued', 'lawsuits?', 'legal action', 'legal proceedings', 'litigation', 'litigate', 'take (?:you|this|them|it) to court',
      'see you in court', 'small claims', 'class action', 'court action', 'file (?:a )?(?:claim|case) in court', 'file (?:a )?(?:law)?suit',
      '(?:federal|district|civil|county|magistrates?|supreme|circuit) court', 'escalate (?:this|the|my) (?:matter|issue|case|complaint) to (?:the )?(?:court|courts|legal|a lawyer|an attorney)'] },
  { id: 'en.threat.legal-counsel', language: 'en', category: 'threat', subtype: 'legal', weight: 0.8, negatable: true,
    terms: ['(?:my|our|an|a|the) (?:lawyers?|attorneys?|solicitors?|legal team|legal counsel|counsel)', 'lawyers?', 'attorneys?', 'attorney general', 'solicitors?'] },
  { id: 'en.threat.regulator', language: 'en', category: 'threat', subtype: 'legal', weight: 1, negatable: true,
    terms: [`(?:report|reporting) (?:you|this|your company|them|it) to`, `${I_WILL}(?:report|file|complain|escalate|take|go|contact|write|notify)\\b[^.!?\\n]{0,40}\\b(?:${'ftc|fcc|bbb|federal trade commission|better business bureau|trading standards|ombudsman|regulators?|consumer protection|attorney general|police|authorities|media|press|news'})`,
      'file a police report', 'call the police', 'press charges'] },
  { id: 'en.threat.regulator-mention', language: 'en', category: 'threat', subtype: 'legal', weight: 0.4, negatable: true,
    terms: ['federal trade commission', 'ftc', 'fcc', 'better business bureau', 'bbb', 'trading standards', 'ombudsman', 'regulators?', 'police', 'courts?', 'legal'] },
  // ── threat: violence ──────────────────────────────────────────────────────
  { id: 'en.threat.violence-intent', language: 'en', category: 'threat', subtype: 'violence', weight: 1.2,
    terms: [`${I_WILL}${VIOLENT_VERB}`, `(?:slit|cut) (?:your|ur) throat`] },
  { id: 'en.threat.menace', language: 'en', category: 'threat', subtype: 'violence', weight: 1.2,
    terms: ['i know where you live', 'watch your back', "you(?:'re| are| r) (?:dead|finished|gonna pay|going to pay)", 'you(?: will|\'ll) (?:regret|pay for) (?:this|it)',
      "you(?:'re| are) going to get hurt", 'i(?:\'ll| will) find you', 'sleep with one eye open', 'dead (?:man|meat)'] },
  { id: 'en.threat.safety', language: 'en', category: 'threat', subtype: 'safety', weight: 1.2,
    terms: ['kill myself', 'end my life', 'suicid\\w*', 'hurt myself', "don'?t want to (?:live|be alive)", 'take my own life', 'self[- ]harm'] },

  // ── rude ──────────────────────────────────────────────────────────────────
  { id: 'en.rude.profanity', language: 'en', category: 'rude', weight: 0.8,
    terms: ['f+u+c+k+\\w*', 'fck\\w*', 'fuk\\w*', 'motherf\\w+', 'sh[i!]t+\\w*', 'bullshit', 'wtf', 'stfu', 'the fuck', 'tf is', 'bitch\\w*', 'cunts?', 'assholes?', 'arseholes?',
      'dickheads?', 'twats?', 'wankers?', 'piss(?:ed)? off', 'son of a bitch', 'goddamn\\w*'] },
  { id: 'en.rude.addressed-insult', language: 'en', category: 'rude', weight: 1,
    terms: [`(?:you|u|ya|your|ur|you'?re|youre|you are|you r|yall|y'all|you guys|you people|your staff|your company)\\s+(?:\\w+\\s+){0,3}?(?:idiots?|morons?|imbeciles?|stupid|dumb\\w*|retard\\w*|jerks?|losers?|scum\\w*|clowns?|fools?|pricks?|dicks?|bastards?|hoes?|whores?|sluts?|pigs?|trash|garbage|cowards?|incompetent|pathetic|useless|worthless|liars?|thie(?:f|ves)|crooks?|crooked|clueless|brainless|disgrace|joke)\\b`] },
  { id: 'en.rude.insult-word', language: 'en', category: 'rude', weight: 0.6,
    terms: ['idiots?', 'morons?', 'imbeciles?', 'dumbass\\w*', 'jackass\\w*', 'scumbags?', 'bastards?', 'pricks?', 'retards?', 'numbnuts', 'halfwits?', 'nitwits?', 'losers?', 'cretins?', 'douche\\w*'] },
  { id: 'en.rude.dismissal', language: 'en', category: 'rude', weight: 1,
    terms: ['shut up', 'screw (?:you|u|off)', 'go to hell', 'go die', 'kiss my ass', 'suck my', '(?:you|u) suck', 'eat shit', 'drop dead', 'get lost', 'damn (?:you|u)', 'up yours', 'bite me'] },

  // ── complaint ─────────────────────────────────────────────────────────────
  { id: 'en.complaint.feeling', language: 'en', category: 'complaint', weight: 0.7, negatable: true,
    terms: ['disappoint\\w*', 'unacceptable', 'frustrat\\w*', 'fed up', 'terrible', 'awful', 'horrible', 'ridiculous', 'appalling', 'disgusting', 'outrageous', 'annoy\\w*',
      'upset', 'angry', 'furious', 'unhappy', 'not happy', 'dissatisf\\w*', 'complain\\w*', 'complaints?', 'poor (?:service|quality|customer service|experience)', 'bad (?:service|experience)',
      'sick (?:and tired )?of', 'shame on', 'waste of (?:time|money)', 'worst', 'pathetic', 'rip[- ]?off', 'scam\\w*', 'misleading', 'mislead', 'deceptive', 'unprofessional', 'negligen\\w*'] },
  { id: 'en.complaint.broken', language: 'en', category: 'complaint', weight: 0.7,
    terms: ['broken', 'damaged', 'defective', 'faulty', 'stopped working', "(?:doesn'?t|does not|don'?t|do not|isn'?t|is not|won'?t|will not|wont|can'?t|cannot|not) (?:work|working|load|loading|open|opening|start|charge|charging|connect|connecting|turn on|respond|responding)",
      'not working', 'out of order', 'malfunction\\w*', 'crash(?:es|ed|ing)?', 'freez(?:es|ing)', 'glitch\\w*', 'bug(?:s|gy)?', 'overheat\\w*', 'leak(?:s|ing|ed)?', 'cracked', 'torn', 'ripped', 'shattered'] },
  { id: 'en.complaint.missing', language: 'en', category: 'complaint', weight: 0.7,
    terms: ['never (?:arrived|came|received|got|showed up|delivered|heard back)', "(?:haven'?t|have not|hasn'?t|has not|didn'?t|did not|still not|not yet) (?:received|arrived|got|gotten|been (?:delivered|shipped|refunded|resolved|fixed|credited|processed))",
      'still (?:waiting|no|nothing|not|have not|haven\'?t)', 'no (?:response|reply|answer|one (?:has )?(?:replied|answered|called|responded)|update|help)', 'not getting (?:any )?(?:response|reply|help|answer)',
      'missing', 'lost (?:my|the|our) (?:package|parcel|order|luggage|bag)', 'wrong (?:item|size|order|colou?r|product|address|amount|charge)', 'late (?:delivery|again)', 'delayed', 'delays?', 'days late', 'weeks late', 'on hold for',
      'ignored', 'ignoring', 'no one (?:is )?(?:helping|answering)', 'nobody (?:helps|answers|replied|responds)', 'been waiting'] },
  { id: 'en.complaint.money', language: 'en', category: 'complaint', weight: 0.7,
    terms: ['refunds?', 'money back', 'compensat\\w*', 'reimburse\\w*', 'overcharg\\w*', 'charged (?:me )?(?:twice|double|again|wrong|incorrectly|for something)', 'double[- ]charg\\w*', 'unauthori[sz]ed',
      'fraud\\w*', 'hidden fees?', 'late fees?', 'overdraft fees?', 'extra fees?', 'incorrect(?:ly)? (?:charge|charged|billed|reported|balance)', 'billing error', 'chargeback', 'dispute[sd]?', 'disputing'] },
  { id: 'en.complaint.credit', language: 'en', category: 'complaint', weight: 0.5,
    terms: ['credit (?:report|reporting|bureau|file|score)', 'collection (?:agency|account|item|letters?|calls?)', 'debt collect\\w*', 'inaccurate', 'not mine', 'identity theft', 'harass\\w*',
      'violat\\w*', 'fcra', 'fdcpa', 'delete (?:this|the|these) (?:account|item|entries|inquir\\w+)', 'remove (?:this|the|these) (?:account|item|inquir\\w+)', 'foreclos\\w*', 'repossess\\w*'] },
  { id: 'en.complaint.trouble', language: 'en', category: 'complaint', weight: 0.35, negatable: true,
    terms: ['problems?', 'issues?', 'errors?', 'mistakes?', 'fail(?:ed|s|ing|ure)?', 'declined', 'denied', 'refused', 'rejected', 'unable to', "can'?t", 'cannot', "couldn'?t", "won'?t let",
      'keeps? (?:just )?(?:crashing|failing|asking|saying|sending|charging|happening|replying|calling|getting|telling)', 'stuck', 'locked out', 'suspended', 'wrong', 'incorrect', 'lied', 'lying', 'liars?',
      'outages?', '(?:is|was|went|been) down', 'disappeared', 'vanished', 'derogatory', 'not properly', 'object to', 'dangerous(?:ly)?', 'barely', 'absurd', 'embarrass\\w*', 'impolite',
      'rude (?:staff|service|agent|employee|driver|manager|rep)\\w*', 'awkward', 'useless', "don'?t know why", 'no idea why', '(?:trying|tried) to (?:get|reach|contact|cancel|fix|resolve)', 'excuses?'] },
  { id: 'en.complaint.hint', language: 'en', category: 'complaint', weight: 0.2, negatable: true,
    terms: ['again', 'still', 'slow(?:ly)?', 'hours', 'poor', 'bad', 'supposed to', 'promised', 'claimed', 'told me', 'no longer', 'closed my', 'terminated', 'fees?', 'charges', 'cancel\\w*',
      "why (?:do|does|did|is|are|was|were|would|can|can'?t|won'?t|haven'?t|hasn'?t|isn'?t|aren'?t) \\w+", 'wow', 'seriously'] },

  // ── Chinese (matched on Simplified-normalised text) ───────────────────────
  { id: 'zh.threat.legal', language: 'zh', category: 'threat', subtype: 'legal', weight: 1, negatable: true,
    terms: ['起诉', '告你们', '告到', '告上法庭', '打官司', '上法庭', '法院见', '法庭上见', '找律师', '请律师', '律师函', '我的律师', '法律途径', '法律程序', '法律手段', '追究.{0,6}法律责任', '诉讼'] },
  { id: 'zh.threat.authority', language: 'zh', category: 'threat', subtype: 'legal', weight: 1, negatable: true,
    terms: ['12315', '315', '消协', '消费者协会', '工商(?:局|部门)?', '市场监管', '监管部门', '质监局', '物价局', '银保监', '报警', '举报你们', '向媒体曝光', '曝光你们'] },
  { id: 'zh.threat.violence', language: 'zh', category: 'threat', subtype: 'violence', weight: 1.2,
    terms: ['(?:我|老子|我们)(?:一定|真的|迟早|马上|明天|今天|现在)?(?:要|会|想|准备|打算|得|就|去|想要)(?:去)?.{0,8}(?:杀|砍|捅|打死|弄死|揍|炸|烧死|枪毙|毒死|强奸|伤害|宰了|干掉|刺杀|屠杀|消灭|处死|绞死|灭了)',
      '(?:我|老子|我们).{0,10}(?:[掐打弄砍捅勒毒烧淹撞踩摔揍]死|扭断.{0,10}脖子|打断.{0,8}腿|结束.{0,12}(?:生命|性命)|让.{0,10}(?:绝迹|消失|去死|付出代价)|(?:杀|宰|灭)(?:了|光|掉))',
      '(?:杀|弄|打|砍|捅|搞)死你', '杀了你', '宰了你', '炸了你们', '烧了你们', '你给我等着', '让你好看', '要你好看', '走着瞧', '你死定了', '小心点你', '找人收拾你'] },
  { id: 'zh.threat.safety', language: 'zh', category: 'threat', subtype: 'safety', weight: 1.2, terms: ['自杀', '不想活了', '轻生', '跳楼', '活不下去'] },
  { id: 'zh.rude.profanity', language: 'zh', category: 'rude', weight: 1,
    terms: ['傻[逼比屄b]', '煞笔', '沙比', '\\bsb\\b', '\\bnmsl\\b', '脑残', '智障', '白痴', '弱智', '蠢货', '蠢猪', '废物', '王八蛋', '混蛋', '混账', '狗东西', '狗日', '狗屎', '吃屎', '有病吧?', '不要脸', '无耻',
      '去死', '滚蛋', '滚吧', '他妈', '他娘', '特么', '妈的', '妈蛋', '尼玛', '你妈', '操你', '草你', '日你', '卧槽', '我靠', '我擦', '我去你', '屌', '贱人', '贱货', '婊子', '畜生', '人渣', '败类', '龟孙',
      '神经病', '变态', '垃圾东西', '死全家', '缺德', '丧良心', '黑心', 'tmd', 'tm的', 'mmp', 'nnd', '\\bmd\\b', '\\bcnm\\b', '\\bnmb\\b', '狗屁', '放屁', '屁也没', '你大爷', '你妹啊?',
      '麻痹', '妈逼', '妈比', '婊', '艹', '草(?<![\\u4e00-\\u9fff]草)(?![\\u4e00-\\u9fff])', '滚犊子', '贱'] },
  { id: 'zh.complaint.feeling', language: 'zh', category: 'complaint', weight: 0.7, negatable: true,
    terms: ['投诉', '失望', '不满意?', '太差', '很差', '真差', '极差', '差劲', '差评', '态度(?:差|恶劣|不好)', '服务(?:差|不好|太差)', '糟糕', '气愤', '生气', '愤怒', '无语', '郁闷', '后悔', '上当', '受骗', '欺骗', '坑人',
      '不推荐', '不会再', '再也不', '不值', '太坑', '恶心', '难受', '闹心', '不靠谱', '忽悠', '敷衍'] },
  { id: 'zh.complaint.problem', language: 'zh', category: 'complaint', weight: 0.7,
    terms: ['坏了', '破损', '损坏', '碎了', '裂了', '漏了', '质量(?:差|问题|不好|太差|一般)', '做工(?:差|粗糙)', '有问题', '故障', '不能用', '用不了', '没法用', '打不开', '开不了机', '充不进', '死机', '卡顿',
      '发错', '送错', '少发', '漏发', '少了', '缺少', '没有收到', '没收到', '还没(?:收到|到|发货|退)', '迟迟', '一直没', '到现在(?:还|都)', '延误', '延迟', '超时', '等了.{0,4}(?:小时|分钟|天)', '太慢', '很慢', '好慢', '慢死',
      '多扣', '扣了两次', '乱扣', '重复扣', '假货', '山寨', '过期', '变质', '不新鲜', '发霉', '异味', '有味', '臭', '脏', '不干净', '卫生(?:差|不好)', '蟑螂', '虫子', '隔音(?:差|不好)', '太吵', '很吵',
      '难吃', '不好吃', '太咸', '太淡', '太油', '太辣', '凉了', '冷了', '量(?:太)?少', '分量少', '太贵', '不值这个价', '掉色', '起球', '褪色', '色差', '尺码不对', '不合适', '与描述不符', '和图片不', '不一样', '货不对板', '客服不理', '没人理', '不回复', '不处理', '推脱', '踢皮球'] },
  { id: 'zh.complaint.demand', language: 'zh', category: 'complaint', weight: 0.7, negatable: true,
    terms: ['退款', '退货', '退钱', '赔偿', '补偿', '换货', '给个说法', '给我一个说法', '要求.{0,4}(?:退|赔|换)'] },
  { id: 'zh.complaint.evaluation', language: 'zh', category: 'complaint', weight: 0.7, negatable: true,
    terms: ['(?:太|很|好|特别|非常|真|超|巨|贼|极其|极|真心|相当|实在|越来越)(?:差|慢|晚|贵|小|少|咸|淡|油腻?|辣|硬|吵|乱|脏|旧|冷|凉|烂|糟|次|坑|失望|失败|难吃|难用|难看|难闻|麻烦|恶心|一般)',
      '不(?:好吃|新鲜|隔音|干净|卫生|热乎?|准时|专业|合理|耐用|值得?|舒服|好用|正宗|实惠|划算|像样|靠谱|负责)', '没(?:有)?(?:一个|一样|什么)好', '没(?:有)?以前好', '(?:什么|真)破', '破玩意', '怪味', '吵闹', '失败', '坑爹', '上当了'] },
  { id: 'zh.complaint.mild', language: 'zh', category: 'complaint', weight: 0.35,
    terms: ['不好', '一般', '不怎么样', '不太好', '不行', '不够', '太小', '太旧', '很旧', '陈旧', '简陋', '很小', '偏贵', '有点贵', '不方便', '麻烦', '没有(?:热水|空调|wifi|网|早餐)', '垃圾', '问题', '竟然', '居然', '怎么回事', '什么玩意'] },
];
