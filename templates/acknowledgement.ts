import * as z from '../lib/domain/zod.ts';
import type { TemplateDefinition } from './template-definition.ts';

/** The facts every customer template may use. */
export const CustomerFactsSchema = z.object({
  customerName: z.string(),
  ticketId: z.string(),
  customerSubject: z.string(),
  dueAt: z.string(),
  teamName: z.string(),
  /** A short, one-line excerpt of what the customer wrote (escaped in HTML like everything else). */
  excerpt: z._default(z.string(), ''),
});
export type CustomerFacts = z.infer<typeof CustomerFactsSchema>;

/** The first reply every customer gets: we have it, here is your number, a person answers by then. */
export const acknowledgement: TemplateDefinition<typeof CustomerFactsSchema> = {
  id: 'acknowledgement',
  schema: CustomerFactsSchema,
  locales: {
    en: {
      subject: 'Re: {{customerSubject}} [{{ticketId}}]',
      text: `Hello {{customerName}},

Thank you for writing to us about "{{customerSubject}}". Your message has reached our support team and is now ticket {{ticketId}}.

A member of our team will reply to you personally by {{dueAt}}.

If you want to add anything, simply reply to this email and it will join the same ticket.

Kind regards,
{{teamName}}`,
      html: `<p>Hello {{customerName}},</p>
<p>Thank you for writing to us about &ldquo;{{customerSubject}}&rdquo;. Your message has reached our support team and is now ticket <strong>{{ticketId}}</strong>.</p>
<p>A member of our team will reply to you personally by <strong>{{dueAt}}</strong>.</p>
<p>If you want to add anything, simply reply to this email and it will join the same ticket.</p>
<p>Kind regards,<br>{{teamName}}</p>`,
    },
    'zh-Hans': {
      subject: '回复：{{customerSubject}} [{{ticketId}}]',
      text: `{{customerName}}，您好：

感谢您就“{{customerSubject}}”与我们联系。您的邮件已经转到客服团队，工单号为 {{ticketId}}。

我们的客服人员会在{{dueAt}}之前亲自回复您。

如需补充信息，直接回复这封邮件即可，内容会归入同一个工单。

此致
敬礼！
{{teamName}}`,
      html: `<p>{{customerName}}，您好：</p>
<p>感谢您就“{{customerSubject}}”与我们联系。您的邮件已经转到客服团队，工单号为 <strong>{{ticketId}}</strong>。</p>
<p>我们的客服人员会在<strong>{{dueAt}}</strong>之前亲自回复您。</p>
<p>如需补充信息，直接回复这封邮件即可，内容会归入同一个工单。</p>
<p>此致<br>敬礼！<br>{{teamName}}</p>`,
    },
    'zh-Hant': {
      subject: '回覆：{{customerSubject}} [{{ticketId}}]',
      text: `{{customerName}}，您好：

感謝您就「{{customerSubject}}」與我們聯絡。您的郵件已經轉到客服團隊，工單編號為 {{ticketId}}。

我們的客服人員會在{{dueAt}}之前親自回覆您。

如需補充資料，直接回覆這封郵件即可，內容會歸入同一張工單。

敬祝 順心
{{teamName}}`,
      html: `<p>{{customerName}}，您好：</p>
<p>感謝您就「{{customerSubject}}」與我們聯絡。您的郵件已經轉到客服團隊，工單編號為 <strong>{{ticketId}}</strong>。</p>
<p>我們的客服人員會在<strong>{{dueAt}}</strong>之前親自回覆您。</p>
<p>如需補充資料，直接回覆這封郵件即可，內容會歸入同一張工單。</p>
<p>敬祝 順心<br>{{teamName}}</p>`,
    },
  },
};
