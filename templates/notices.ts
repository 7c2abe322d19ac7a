import * as z from '../lib/domain/zod.ts';
import type { TemplateDefinition } from './template-definition.ts';

/** The facts an internal notice may use; labels arrive already in the notice's language. */
export const NoticeFactsSchema = z.object({
  ticketId: z.string(),
  /** e.g. "complaint" or "投诉". */
  category: z.string(),
  /** Threat subtype from the classifier (e.g. violence, legal); empty when none. */
  subtype: z._default(z.string(), ''),
  priority: z.int(),
  /** "Name <address>" as the customer gave it. */
  customer: z.string(),
  customerSubject: z.string(),
  /** The sender failed DMARC: the name and address may be forged. */
  unverified: z._default(z.boolean(), false),
  /** Which clock: "first response", "resolution"… */
  clock: z._default(z.string(), ''),
  /** When it is or was due, formatted in the team's time zone. */
  dueAt: z._default(z.string(), ''),
  /** Why the classifier decided so, one line each ("rule: excerpt"). */
  signals: z._default(z.array(z.string()), []),
  /** The customer was sent a "still on it" update with this notice. */
  customerUpdated: z._default(z.boolean(), false),
  /** For escalations: who asked for a supervisor, and why, in their words. */
  escalatedBy: z._default(z.string(), ''),
  reason: z._default(z.string(), ''),
  teamName: z.string(),
});
export type NoticeFacts = z.input<typeof NoticeFactsSchema>;

const SIGNALS_TEXT = '{{#each signals}}\n  - {{this}}{{/each}}';
const SIGNALS_HTML = '<ul>{{#each signals}}<li>{{this}}</li>{{/each}}</ul>';

/** To supervisors, security and legal the moment a threat arrives. */
export const threatAlert: TemplateDefinition<typeof NoticeFactsSchema> = {
  id: 'threat-alert',
  schema: NoticeFactsSchema,
  locales: {
    en: {
      subject: '[Threat] {{ticketId}}: {{customerSubject}}',
      text: `Ticket {{ticketId}} was classified as a threat{{#if subtype}} ({{subtype}}){{/if}}. Priority {{priority}}.

From: {{customer}}{{#if unverified}} (not verified: DMARC failed, the sender may be forged){{/if}}
Subject: {{customerSubject}}

What triggered it:${SIGNALS_TEXT}

Please read the whole message on the ticket, escalate it to a senior person, and report it to security or legal where needed. Any automatic reply the customer got is a calm acknowledgement that admits nothing.

{{teamName}} triage`,
      html: `<p><strong>Ticket {{ticketId}}</strong> was classified as a threat{{#if subtype}} ({{subtype}}){{/if}}. Priority {{priority}}.</p>
<p>From: {{customer}}{{#if unverified}} <strong>(not verified: DMARC failed, the sender may be forged)</strong>{{/if}}<br>Subject: {{customerSubject}}</p>
<p>What triggered it:</p>${SIGNALS_HTML}
<p>Please read the whole message on the ticket, escalate it to a senior person, and report it to security or legal where needed. Any automatic reply the customer got is a calm acknowledgement that admits nothing.</p>
<p>{{teamName}} triage</p>`,
    },
    'zh-Hans': {
      subject: '[威胁] {{ticketId}}：{{customerSubject}}',
      text: `工单 {{ticketId}} 被判定为威胁{{#if subtype}}（{{subtype}}）{{/if}}，优先级 {{priority}}。

发件人：{{customer}}{{#if unverified}}（未通过 DMARC 验证，发件人可能是伪造的）{{/if}}
主题：{{customerSubject}}

判定依据：${SIGNALS_TEXT}

请在工单中阅读完整邮件，交由资深同事处理，并视情况报告安全或法务部门。客户若收到自动回复，也只是一封措辞平和、不承认任何责任的确认邮件。

{{teamName}} 分拣系统`,
      html: `<p><strong>工单 {{ticketId}}</strong> 被判定为威胁{{#if subtype}}（{{subtype}}）{{/if}}，优先级 {{priority}}。</p>
<p>发件人：{{customer}}{{#if unverified}} <strong>（未通过 DMARC 验证，发件人可能是伪造的）</strong>{{/if}}<br>主题：{{customerSubject}}</p>
<p>判定依据：</p>${SIGNALS_HTML}
<p>请在工单中阅读完整邮件，交由资深同事处理，并视情况报告安全或法务部门。客户若收到自动回复，也只是一封措辞平和、不承认任何责任的确认邮件。</p>
<p>{{teamName}} 分拣系统</p>`,
    },
    'zh-Hant': {
      subject: '[威脅] {{ticketId}}：{{customerSubject}}',
      text: `工單 {{ticketId}} 被判定為威脅{{#if subtype}}（{{subtype}}）{{/if}}，優先順序 {{priority}}。

寄件人：{{customer}}{{#if unverified}}（未通過 DMARC 驗證，寄件人可能是偽造的）{{/if}}
主旨：{{customerSubject}}

判定依據：${SIGNALS_TEXT}

請在工單中閱讀完整郵件，交由資深同事處理，並視情況通報資安或法務部門。客戶若收到自動回覆，也只是一封語氣平和、不承認任何責任的確認郵件。

{{teamName}} 分流系統`,
      html: `<p><strong>工單 {{ticketId}}</strong> 被判定為威脅{{#if subtype}}（{{subtype}}）{{/if}}，優先順序 {{priority}}。</p>
<p>寄件人：{{customer}}{{#if unverified}} <strong>（未通過 DMARC 驗證，寄件人可能是偽造的）</strong>{{/if}}<br>主旨：{{customerSubject}}</p>
<p>判定依據：</p>${SIGNALS_HTML}
<p>請在工單中閱讀完整郵件，交由資深同事處理，並視情況通報資安或法務部門。客戶若收到自動回覆，也只是一封語氣平和、不承認任何責任的確認郵件。</p>
<p>{{teamName}} 分流系統</p>`,
    },
  },
};

/** To supervisors when a deadline is close and nobody has answered yet. */
export const slaWarning: TemplateDefinition<typeof NoticeFactsSchema> = {
  id: 'sla-warning',
  schema: NoticeFactsSchema,
  locales: {
    en: {
      subject: '[SLA at risk] {{ticketId}}: {{customerSubject}}',
      text: `The {{clock}} for ticket {{ticketId}} ({{category}}, priority {{priority}}) is due {{dueAt}}, and nobody has answered yet.

From: {{customer}}
Subject: {{customerSubject}}

Please make sure someone picks it up before then.

{{teamName}} triage`,
      html: `<p>The {{clock}} for <strong>ticket {{ticketId}}</strong> ({{category}}, priority {{priority}}) is due <strong>{{dueAt}}</strong>, and nobody has answered yet.</p>
<p>From: {{customer}}<br>Subject: {{customerSubject}}</p>
<p>Please make sure someone picks it up before then.</p>
<p>{{teamName}} triage</p>`,
    },
    'zh-Hans': {
      subject: '[SLA 即将超时] {{ticketId}}：{{customerSubject}}',
      text: `工单 {{ticketId}}（{{category}}，优先级 {{priority}}）的{{clock}}期限是{{dueAt}}，目前还没有人回复。

发件人：{{customer}}
主题：{{customerSubject}}

请确保在期限前有人接手。

{{teamName}} 分拣系统`,
      html: `<p><strong>工单 {{ticketId}}</strong>（{{category}}，优先级 {{priority}}）的{{clock}}期限是<strong>{{dueAt}}</strong>，目前还没有人回复。</p>
<p>发件人：{{customer}}<br>主题：{{customerSubject}}</p>
<p>请确保在期限前有人接手。</p>
<p>{{teamName}} 分拣系统</p>`,
    },
    'zh-Hant': {
      subject: '[SLA 即將逾時] {{ticketId}}：{{customerSubject}}',
      text: `工單 {{ticketId}}（{{category}}，優先順序 {{priority}}）的{{clock}}期限是{{dueAt}}，目前還沒有人回覆。

寄件人：{{customer}}
主旨：{{customerSubject}}

請確保在期限前有人接手。

{{teamName}} 分流系統`,
      html: `<p><strong>工單 {{ticketId}}</strong>（{{category}}，優先順序 {{priority}}）的{{clock}}期限是<strong>{{dueAt}}</strong>，目前還沒有人回覆。</p>
<p>寄件人：{{customer}}<br>主旨：{{customerSubject}}</p>
<p>請確保在期限前有人接手。</p>
<p>{{teamName}} 分流系統</p>`,
    },
  },
};

/** To supervisors when a deadline has passed; the ticket's priority has been raised. */
export const slaBreach: TemplateDefinition<typeof NoticeFactsSchema> = {
  id: 'sla-breach',
  schema: NoticeFactsSchema,
  locales: {
    en: {
      subject: '[SLA breached] {{ticketId}}: {{customerSubject}}',
      text: `The {{clock}} for ticket {{ticketId}} ({{category}}) was due {{dueAt}} and has been missed. Its priority is now {{priority}}.

From: {{customer}}
Subject: {{customerSubject}}

Please have someone answer the customer now.{{#if customerUpdated}} They have been told that we are still on it.{{/if}}

{{teamName}} triage`,
      html: `<p>The {{clock}} for <strong>ticket {{ticketId}}</strong> ({{category}}) was due <strong>{{dueAt}}</strong> and has been missed. Its priority is now {{priority}}.</p>
<p>From: {{customer}}<br>Subject: {{customerSubject}}</p>
<p>Please have someone answer the customer now.{{#if customerUpdated}} They have been told that we are still on it.{{/if}}</p>
<p>{{teamName}} triage</p>`,
    },
    'zh-Hans': {
      subject: '[SLA 已超时] {{ticketId}}：{{customerSubject}}',
      text: `工单 {{ticketId}}（{{category}}）的{{clock}}期限{{dueAt}}已过，未能按时完成。该工单的优先级现为 {{priority}}。

发件人：{{customer}}
主题：{{customerSubject}}

请立即安排人员回复客户。{{#if customerUpdated}}系统已告知客户我们仍在处理。{{/if}}

{{teamName}} 分拣系统`,
      html: `<p><strong>工单 {{ticketId}}</strong>（{{category}}）的{{clock}}期限<strong>{{dueAt}}</strong>已过，未能按时完成。该工单的优先级现为 {{priority}}。</p>
<p>发件人：{{customer}}<br>主题：{{customerSubject}}</p>
<p>请立即安排人员回复客户。{{#if customerUpdated}}系统已告知客户我们仍在处理。{{/if}}</p>
<p>{{teamName}} 分拣系统</p>`,
    },
    'zh-Hant': {
      subject: '[SLA 已逾時] {{ticketId}}：{{customerSubject}}',
      text: `工單 {{ticketId}}（{{category}}）的{{clock}}期限{{dueAt}}已過，未能如期完成。該工單的優先順序現為 {{priority}}。

寄件人：{{customer}}
主旨：{{customerSubject}}

請立即安排人員回覆客戶。{{#if customerUpdated}}系統已告知客戶我們仍在處理。{{/if}}

{{teamName}} 分流系統`,
      html: `<p><strong>工單 {{ticketId}}</strong>（{{category}}）的{{clock}}期限<strong>{{dueAt}}</strong>已過，未能如期完成。該工單的優先順序現為 {{priority}}。</p>
<p>寄件人：{{customer}}<br>主旨：{{customerSubject}}</p>
<p>請立即安排人員回覆客戶。{{#if customerUpdated}}系統已告知客戶我們仍在處理。{{/if}}</p>
<p>{{teamName}} 分流系統</p>`,
    },
  },
};

/** To supervisors when an agent hands a ticket up: it is beyond their limits, or the customer insists. */
export const escalationAlert: TemplateDefinition<typeof NoticeFactsSchema> = {
  id: 'escalation-alert',
  schema: NoticeFactsSchema,
  locales: {
    en: {
      subject: '[Escalated] {{ticketId}}: {{customerSubject}}',
      text: `{{escalatedBy}} asks a supervisor to take over ticket {{ticketId}} ({{category}}). Priority {{priority}}.

Why: {{reason}}

From: {{customer}}
Subject: {{customerSubject}}

{{teamName}} triage`,
      html: `<p>{{escalatedBy}} asks a supervisor to take over <strong>ticket {{ticketId}}</strong> ({{category}}). Priority {{priority}}.</p>
<p>Why: {{reason}}</p>
<p>From: {{customer}}<br>Subject: {{customerSubject}}</p>
<p>{{teamName}} triage</p>`,
    },
    'zh-Hans': {
      subject: '[升级处理] {{ticketId}}：{{customerSubject}}',
      text: `{{escalatedBy}} 请主管接手工单 {{ticketId}}（{{category}}）。优先级 {{priority}}。

原因：{{reason}}

发件人：{{customer}}
主题：{{customerSubject}}

{{teamName}} 分拣系统`,
      html: `<p>{{escalatedBy}} 请主管接手<strong>工单 {{ticketId}}</strong>（{{category}}）。优先级 {{priority}}。</p>
<p>原因：{{reason}}</p>
<p>发件人：{{customer}}<br>主题：{{customerSubject}}</p>
<p>{{teamName}} 分拣系统</p>`,
    },
    'zh-Hant': {
      subject: '[升級處理] {{ticketId}}：{{customerSubject}}',
      text: `{{escalatedBy}} 請主管接手工單 {{ticketId}}（{{category}}）。優先順序 {{priority}}。

原因：{{reason}}

寄件人：{{customer}}
主旨：{{customerSubject}}

{{teamName}} 分流系統`,
      html: `<p>{{escalatedBy}} 請主管接手<strong>工單 {{ticketId}}</strong>（{{category}}）。優先順序 {{priority}}。</p>
<p>原因：{{reason}}</p>
<p>寄件人：{{customer}}<br>主旨：{{customerSubject}}</p>
<p>{{teamName}} 分流系統</p>`,
    },
  },
};
