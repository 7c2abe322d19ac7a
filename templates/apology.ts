import { CustomerFactsSchema } from './acknowledgement.ts';
import type { TemplateDefinition } from './template-definition.ts';

/** The first reply to a complaint: thanks, a sincere apology, what we understood, and when a person answers. */
export const apology: TemplateDefinition<typeof CustomerFactsSchema> = {
  id: 'apology',
  schema: CustomerFactsSchema,
  locales: {
    en: {
      subject: 'Re: {{customerSubject}} [{{ticketId}}]',
      text: `Hello {{customerName}},

Thank you for telling us about this, and I am sorry that things went wrong. It should not have happened, and we want to put it right.

We understand your message is about "{{customerSubject}}". It is now ticket {{ticketId}}.{{#if excerpt}} You wrote: "{{excerpt}}"{{/if}}

A member of our team will read everything you sent and reply to you personally by {{dueAt}}. If you can add when it happened and any order or reference number, reply to this email; it will join the same ticket.

Kind regards,
{{teamName}}`,
      html: `<p>Hello {{customerName}},</p>
<p>Thank you for telling us about this, and I am sorry that things went wrong. It should not have happened, and we want to put it right.</p>
<p>We understand your message is about &ldquo;{{customerSubject}}&rdquo;. It is now ticket <strong>{{ticketId}}</strong>.{{#if excerpt}} You wrote: <em>&ldquo;{{excerpt}}&rdquo;</em>{{/if}}</p>
<p>A member of our team will read everything you sent and reply to you personally by <strong>{{dueAt}}</strong>. If you can add when it happened and any order or reference number, reply to this email; it will join the same ticket.</p>
<p>Kind regards,<br>{{teamName}}</p>`,
    },
    'zh-Hans': {
      subject: '回复：{{customerSubject}} [{{ticketId}}]',
      text: `{{customerName}}，您好：

感谢您把情况告诉我们，给您带来不便，我们深表歉意。这本不应该发生，我们会尽力把问题解决好。

我们了解到您反映的是“{{customerSubject}}”，该问题已登记为工单 {{ticketId}}。{{#if excerpt}}您在来信中提到：“{{excerpt}}”{{/if}}

我们的客服人员会仔细阅读您发来的全部内容，并在{{dueAt}}之前亲自回复您。如方便，请直接回复这封邮件，补充发生的时间以及订单号或相关编号，内容会归入同一个工单。

此致
敬礼！
{{teamName}}`,
      html: `<p>{{customerName}}，您好：</p>
<p>感谢您把情况告诉我们，给您带来不便，我们深表歉意。这本不应该发生，我们会尽力把问题解决好。</p>
<p>我们了解到您反映的是“{{customerSubject}}”，该问题已登记为工单 <strong>{{ticketId}}</strong>。{{#if excerpt}}您在来信中提到：<em>“{{excerpt}}”</em>{{/if}}</p>
<p>我们的客服人员会仔细阅读您发来的全部内容，并在<strong>{{dueAt}}</strong>之前亲自回复您。如方便，请直接回复这封邮件，补充发生的时间以及订单号或相关编号，内容会归入同一个工单。</p>
<p>此致<br>敬礼！<br>{{teamName}}</p>`,
    },
    'zh-Hant': {
      subject: '回覆：{{customerSubject}} [{{ticketId}}]',
      text: `{{customerName}}，您好：

感謝您把情況告訴我們，造成您的不便，我們深感抱歉。這本不應該發生，我們會盡力把問題處理好。

我們了解您反映的是「{{customerSubject}}」，此問題已登記為工單 {{ticketId}}。{{#if excerpt}}您在來信中提到：「{{excerpt}}」{{/if}}

我們的客服人員會仔細閱讀您寄來的所有內容，並在{{dueAt}}之前親自回覆您。如果方便，請直接回覆這封郵件，補充發生的時間以及訂單編號或相關編號，內容會歸入同一張工單。

敬祝 順心
{{teamName}}`,
      html: `<p>{{customerName}}，您好：</p>
<p>感謝您把情況告訴我們，造成您的不便，我們深感抱歉。這本不應該發生，我們會盡力把問題處理好。</p>
<p>我們了解您反映的是「{{customerSubject}}」，此問題已登記為工單 <strong>{{ticketId}}</strong>。{{#if excerpt}}您在來信中提到：<em>「{{excerpt}}」</em>{{/if}}</p>
<p>我們的客服人員會仔細閱讀您寄來的所有內容，並在<strong>{{dueAt}}</strong>之前親自回覆您。如果方便，請直接回覆這封郵件，補充發生的時間以及訂單編號或相關編號，內容會歸入同一張工單。</p>
<p>敬祝 順心<br>{{teamName}}</p>`,
    },
  },
};
