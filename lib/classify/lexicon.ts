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

// Threats are recognised by their structure rather than by a list of sentences: a first-person intent or an
// ultimatum, then harm or recourse, aimed at anyone (a person, the staff, the company, a group). The vocabulary
// comes from general lists: modal and intent markers of English, the legal and regulatory bodies a consumer can
// turn to, and verbs of physical violence.

// First person, up to a few words, then a future or intent marker: "I'll", "we are going to", "I will have no choice but to".
const INTENT = "\\b(?:i|we)\\b[^.!?\\n]{0,25}?(?:'ll|'m (?:going to|gonna)|\\b(?:will|shall|going to|gonna|want to|wanna|have to|intend to|plan to|planning to|about to|fixing to|prepared to|ready to|forced to|no choice but to|hesitate to|reserve the right to|(?:am|are|'m|'re) (?:now )?(?:considering|seriously considering|looking into|thinking (?:about|of)))|(?:'m|'re|\\bam|\\bare)\\s+(?:now\\s+|currently\\s+|already\\s+)?(?=\\w+ing\\b))\\s*(?:(?!not\\b|never\\b)\\w+\\s+){0,4}?";
// Ultimatums: a condition, then what the writer does ("if … I …", "… or I …", "unless …, we …").
const ULTIMATUM = "\\b(?:if|unless|otherwise|or else|or|else)\\b[^.!?\\n]{0,80}?\\b(?:i|we)\\b(?:'ll|'d| will| shall| would| am going to| are going to|'m going to|'re going to)?\\s+(?!(?:\\w+ed|had|have|has|was|were|did|do|does|already|never|not|think|thought|believe|feel|felt|guess|hope|know|knew|understand|want)\\b)(?:(?!not\\b|never\\b)\\w+\\s+){0,3}?";
// Bodies and people a customer can take a dispute to.
const RECOURSE = "(?:legal (?:action|proceedings|steps|route|advice|recourse|counsel|representation)|take (?:this|it|the matter|things) further|(?:a|my|our|the) (?:lawyer|attorney|solicitor|legal team|legal counsel|legal department)s?|lawyers?|attorneys?|solicitors?|(?:the|a|to|in) courts?|small claims|(?:a )?(?:legal|court) claim|(?:a )?(?:law)?suit|police|authorities|ombudsman|regulators?|trading standards|consumer (?:protection|rights|council|affairs)|ftc|fcc|bbb|attorney general|better business bureau|federal trade commission|financial conduct authority|fca|the press|the media|social media|the news|twitter|reddit|newspapers?|journalists?|reporters?|tv station|watchdog|arbitration|tribunal)";
const RECOURSE_VERB = "(?:tak|go|escalat|fil|report|lodg|bring|brought|pursu|seek|sought|start|begin|initiat|commenc|contact|involv|get|got|call|hir|instruct|consult|hand|pass|forward|refer|talk|speak|writ|complain|notif|alert|tell|inform|see|sue|su)\\w*"
// Violence whose meaning needs no target ("stab", "strangle") and verbs that are violent only against a person.
const OBJ = "(?:you|u|ya|yall|y'all|them|him|her|your \\w+)";
const VIOLENT_VERB = `(?:murder|stab|hurt|harm|injure|bash|punch|slap|smack|choke|strangle|lynch|rape|slit|knife|gun down|torture|exterminate|behead|massacre|slaughter|butcher|maim|assault|beat the (?:shit|crap|hell|life) out of|(?:rough|mess|beat|fuck\\w*|fck|fuk|f) ${OBJ} up|put ${OBJ} in (?:the )?(?:hospital|ground|grave)|break (?:your|his|her|their) (?:legs?|arms?|neck|nose|jaw|face|bones?|fingers?|kneecaps?|teeth|skull|windows?|doors?)|run ${OBJ} over|set fire to|burn (?:down|\\w+ down|\\w+ alive)|torch|poison)`;
// Anyone a threat can be aimed at: the reader, the staff, the company's premises, or a group of people.
const GROUP = '(?:immigrants?|foreigners?|refugees?|migrants?|muslims?|jews?|christians?|catholics?|hindus?|sikhs?|buddhists?|atheists?|gays?|lesbians?|homosexuals?|trans(?:gender)? (?:people|women|men|folks?)|blacks?|whites?|asians?|latinos?|latinas?|mexicans?|arabs?|africans?|chinese|indians?|women|woman|men|man|girls?|boys?|kids?|child(?:ren)?|disabled \\w+|elderly|(?:\\w+ )?people|(?:\\w+ )?folks?)';
const PERSON = `(?:you|u|ya|yall|y'all|him|her|them|everyone|everybody|somebody|someone|anyone|all of you|each of you|every one of you|(?:your|ur|yo|his|her|their) (?:ass|butt|face|head|staff|team|people|family|kids|children|wife|husband|manager|boss|ceo|owner|employees|agents|workers|drivers|courier|office|shop|store|building|house|home|warehouse|branch|headquarters)|(?:the|that|this|those|these|a|an|some|all|every|any|the next) (?:\\w+ )?(?:staff|manager|driver|courier|ceo|owner|agent|employees?|workers?|guy|guys|idiots?|bastards?|clerk|cashier|receptionist|rep|representative|technician|engineer|${GROUP})|${GROUP})`;
// Verbs that are violent only when a person is their object ("kill you", not "kill the process").
const TARGETED_VERB = '(?:destroy|smash|wreck|trash|attack|bomb|blow up|burn|execute|eliminate|wipe out|get rid of|put an end to|take out|end|finish off|ruin)';
// Verbs of violence that are figures of speech only with a thing as their object ("kill the app", "shoot an email").
const KILL_VERB = '(?:kill|shoot|hang|beat|whoop|whip|kick|hunt down|track down|come after|go after|come for)';
const THING = '(?:it|this|that|time|(?:the|this|that|my|your|an?) (?:\\w+ )?(?:process|app|application|program|order|subscription|account|deal|project|call|line|session|battery|engine|lights?|power|noise|bug|virus|feature|plan|email|e-mail|message|note|photo|picture|video|shot|ball|price|rush|traffic|competition|odds|deadline|game|queue|idea|request|ticket|service|contract|card|question|text|line|system|server|site|website|page|tab|window|job|task|door|form))';
// Consequences that turn "make you …" into a threat.
const CONSEQUENCE = "(?:make (?:you|u|them|him|her|your \\w+) (?:pay|suffer|bleed|regret|sorry)|teach (?:you|u|them|him|her) a lesson|pay (?:you|u|them|your \\w+) a (?:little )?visit|get (?:you|u|them) back|get even)";


// Chinese: first person and an intent or decision marker, or a condition and its consequence, then recourse.
const ZH_RECOURSE = '(?:起诉|告(?:你们|到|上)|打官司|找律师|请律师|委托律师|走法律|法律途径|法律程序|法律手段|诉讼|仲裁|报警|举报|曝光|找媒体|找记者|上新闻|发微博|12315|315|消协|消委会|消费者协会|工商|市场监管|监管部门|银保监|金融监管)';
const ZH_INTENT = '(?:我|我们|我哋|本人|老子|咱们)(?:一定|必须|肯定|真的|马上|立刻|立即|直接|明天|今天|现在|已经|就|也|只能|只好|准备|打算|决定|将|会|要|想|得|去|再|还)*[^。！？!?，,]{0,8}?';
const ZH_ULTIMATUM = '(?:如果|若|要是|再不|再唔|不然|否则|唔系|不给|不处理|唔处理|不退|唔退|不赔|唔赔|不解决|唔解决|不回复|不答复)[^。！？!?]{0,20}?(?:我|我们|本人)?(?:就|会|将|只能|只好|必|一定)[^。！？!?，,]{0,8}?';

export const DEFAULT_LEXICON: readonly LexiconEntry[] = [
  // ── threat: legal ─────────────────────────────────────────────────────────
  { id: 'en.threat.legal-action', language: 'en', category: 'threat', subtype: 'legal', weight: 1, negatable: true,
    terms: [`${INTENT}(?:sue|prosecute|litigate|press charges|(?:[^.!?\\n]{0,40}?\\b)?${RECOURSE})`, `${ULTIMATUM}(?:sue|${RECOURSE_VERB}\\b[^.!?\\n]{0,40}?\\b${RECOURSE})`,
      "(?:i'?m|i am|we'?re|we are) (?:now )?(?:suing|taking (?:you|this|them|it|your company) to court|filing (?:a )?(?:law)?suit|reporting (?:you|this|your company) to)",
      // Impersonal and passive futures: "legal action will follow", "a claim will be filed", "expect a lawsuit".
      '(?:legal action|legal proceedings|a lawsuit|a suit|proceedings|a claim|litigation|charges) (?:will|shall|is going to|are going to) (?:be (?:taken|filed|brought|issued|pursued|started|initiated|commenced|pressed)|follow)',
      '(?:expect|prepare for|get ready for) (?:a |my |our )?(?:lawsuit|legal action|legal proceedings|court (?:summons|papers|date)|summons|letter from (?:my|our) (?:lawyer|attorney|solicitor)s?)',
      "(?:i|we) (?:might|may|could|would|should) (?:well |have to |need to |be forced to )?(?:sue|take (?:legal action|you to court)|see you in court|get (?:a|my) lawyer involved)",
      'sue (?:you|u|ya|your company|your business|your firm|your shop|you all|the lot of you)', 'see you in court', 'court action', 'class action against',
      'file (?:a )?(?:claim|case) in court', '(?:next|final|only) (?:step|stop|option|letter|email|message|contact)\\b[^.!?\\n]{0,20}\\b(?:will be|is|comes?) (?:from |with |through |via |to )?(?:my |our |the |a )?(?:court|lawyer|attorney|solicitor|legal|ombudsman|regulator|police|small claims)',
      "(?:i|we)(?:'ve| have) (?:now )?(?:instructed|retained|hired|engaged|contacted|consulted|spoken (?:to|with)|briefed) (?:a |my |our )?(?:lawyer|attorney|solicitor|legal (?:counsel|team|advisers?))",
      "(?:you(?:'ll| will)|expect to) (?:be )?hear(?:ing)? from (?:my|our) (?:lawyer|attorney|solicitor|legal)", 'letter before (?:action|claim)', 'formal legal notice',
      'escalate (?:this|the|my) (?:matter|issue|case|complaint) to (?:the )?(?:court|courts|legal|a lawyer|an attorney|ombudsman|regulator)'] },
  { id: 'en.threat.legal-counsel', language: 'en', category: 'threat', subtype: 'legal', weight: 0.8, negatable: true,
    terms: ["(?:my|our) (?:lawyers?|attorneys?|solicitors?|legal team|legal counsel)(?:'s)? (?:will|shall|is going to|are going to|would|has advised|have advised|will be in touch|is drafting|are drafting)", "(?:my|our) (?:lawyers?|attorneys?|solicitors?) (?:is|are) (?:aware|cc'?d|copied|in copy|watching)"] },
  { id: 'en.threat.regulator', language: 'en', category: 'threat', subtype: 'legal', weight: 1, negatable: true,
    // Intent followed by a regulator, the police or the press is in en.threat.legal-action (RECOURSE).
    terms: [`(?:report|reporting) (?:you|your company|your business|your shop|your staff|this company) to`, `${INTENT}(?:file a police report|call the cops|press charges)`] },
  // Words that name legal recourse itself are rarely harmless in a customer's message; the people and bodies
  // involved (a lawyer, the police, a court) often are ("power of attorney", "my lawyer needs a copy").
  { id: 'en.threat.legal-word', language: 'en', category: 'threat', subtype: 'legal', weight: 0.75, negatable: true,
    terms: ['sue', 'suing', 'lawsuits?', 'legal action', 'legal proceedings', 'litigation', 'litigate', 'small claims', 'class action', 'press charges',
      '(?:federal|district|civil|county|magistrates?|supreme|circuit|small claims) court', 'take (?:you|u|this|them|it|the matter|this matter|your company) to (?:court|small claims)'] },
  { id: 'en.threat.regulator-mention', language: 'en', category: 'threat', subtype: 'legal', weight: 0.35, negatable: true,
    terms: ['federal trade commission', 'ftc', 'fcc', 'cfpb', 'better business bureau', 'bbb', 'trading standards', 'ombudsman', 'regulators?', 'police', 'courts?',
      '(?<!power of )attorneys?', 'lawyers?', 'solicitors?', 'cease and desist', 'legal notice'] },
  // ── threat: violence ──────────────────────────────────────────────────────
  { id: 'en.threat.violence-intent', language: 'en', category: 'threat', subtype: 'violence', weight: 1.2,
    // One alternation after each opener: the regex engine then reads the opener once per position, not once per term.
    terms: [`${INTENT}(?:${VIOLENT_VERB}|${TARGETED_VERB} ${PERSON}|${KILL_VERB} (?!${THING}\\b|up\\b|off\\b|out\\b|down\\b|back\\b|in\\b|on\\b|over\\b|into\\b)\\w+|${CONSEQUENCE})`,
      `${ULTIMATUM}(?:${VIOLENT_VERB}|${TARGETED_VERB} ${PERSON}|${KILL_VERB} ${PERSON}|${CONSEQUENCE})`,
      '(?:slit|cut) (?:your|ur) throat', "(?:i|we)(?:'ll| will) (?:make|see to it that) (?:you|u|them|your \\w+) (?:pay|suffer|bleed|regret)"] },
  { id: 'en.threat.menace', language: 'en', category: 'threat', subtype: 'violence', weight: 1.2,
    terms: ['i know where (?:you|u|your \\w+|they|he|she) (?:live|lives|work|works|sleep|park)', 'watch your back', "you(?:'re| are| r) (?:dead|finished|gonna pay|going to pay|a dead man)", "you(?:'ll| will) (?:regret (?:this|it)|pay for (?:this|it)|be sorry)",
      "you(?:'re| are) going to get hurt", "i(?:'ll| will) find (?:you|u|out where you live)", 'sleep with one eye open', 'dead (?:man|meat)', 'you have been warned', "consider yourselves? warned", "(?:you|u)(?:'d| had) better watch (?:out|yourself|your back)",
      "something (?:bad|terrible|nasty) (?:will|might|could|is going to) happen to (?:you|your|them)", 'accidents (?:can )?happen', "won'?t see it coming", "(?:don'?t|do not) make me come (?:down|over|in) there", 'your days are numbered', 'mark my words'] },
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
    terms: ['保留.{0,10}(?:法律|起诉|追究|诉讼|追诉)(?:的)?权利', '(?:通过|走|诉诸|采取)法律(?:途径|程序|手段|行动)', '(?:咨询|联系|委托|找|请)(?:了|过)?(?:我的|专业)?律师', '律师(?:会|将|已经)', '告你们', '告到你们', '告上法庭', '上法庭', '法院见', '法庭上见', '律师函', '追究.{0,6}法律责任', '起诉你们', '起诉贵', '告死你',
      `${ZH_INTENT}${ZH_RECOURSE}`, `${ZH_ULTIMATUM}${ZH_RECOURSE}`] },
  { id: 'zh.threat.authority', language: 'zh', category: 'threat', subtype: 'legal', weight: 1, negatable: true,
    terms: ['举报你们', '向媒体曝光', '曝光你们', '(?:12315|315|消协|工商|市场监管|法院|法庭)见', '(?:打|拨打?)(?:12315|315)', '(?:等着|准备)(?:收|接|吃)(?:律师函|传票|官司)', '(?:向|到|去|找)(?:12315|315|消协|消委会|消费者协会|工商|市场监管|监管|银保监|银监|证监|金融监管|媒体|电视台|记者|法院|仲裁)[^。！？!?]{0,8}(?:投诉|举报|反映|曝光|起诉|申请|告)'] },
  { id: 'zh.threat.mention', language: 'zh', category: 'threat', subtype: 'legal', weight: 0.35, negatable: true,
    terms: ['起诉', '诉讼', '打官司', '律师', '法院', '法律途径', '法律程序', '法律手段', '仲裁', '12315', '315', '消协', '消委会', '消费者协会', '工商(?:局|部门)?', '市场监管', '监管部门', '质监局', '物价局', '银保监', '报警', '警察', '曝光'] },
  { id: 'zh.threat.violence', language: 'zh', category: 'threat', subtype: 'violence', weight: 1.2,
    terms: ['(?:我|老子|我们)(?:一定|真的|迟早|马上|明天|今天|现在)?(?:要|会|想|准备|打算|得|就|去|想要)(?:去)?.{0,8}(?:杀|砍|捅|打死|弄死|揍|炸|烧死|枪毙|毒死|强奸|伤害|宰了|干掉|刺杀|屠杀|消灭|处死|绞死|灭了)',
      '(?:我|老子|我们).{0,10}(?:[掐打弄砍捅勒毒烧淹撞踩摔揍]死|扭断.{0,10}脖子|打断.{0,8}腿|结束.{0,12}(?:生命|性命)|让.{0,10}(?:绝迹|消失|去死|付出代价)|(?:杀|宰|灭)(?:了|光|掉))',
      '(?:杀|弄|打|砍|捅|搞)死你', '杀了你', '宰了你', '炸了你们', '烧了你们', '你给我等着', '让你好看', '要你好看', '走着瞧', '你死定了', '小心点你', '找人收拾你',
      '(?:收拾|废了|揍|砸了?|烧了?|堵)(?:你|你们|他们|她们|你家)', '找人(?:来)?(?:收拾|弄|砍|打|揍|堵)', '出门小心', '小心你的', '等着瞧', '后果自负', '别怪我不客气', '你们等着', '给我等着', '不会放过你', '饶不了你', '砸(?:了)?你们的?店', '放火', '同归于尽'] },
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
