import { CustomerFactsSchema } from './acknowledgement.ts';
import type { TemplateDefinition } from './template-definition.ts';

/** Sent when we are waiting on the customer and have heard nothing for a while. */
export const pendingReminder: TemplateDefinition<typeof CustomerFactsSchema> = {
  id: 'pending-reminder',
  schema: CustomerFactsSchema,
  locales: {
    en: {
      subject: 'Re: {{customerSubject}} [{{ticketId}}]',
      text: `Hello {{customerName}},

We are still waiting for a few details from you about "{{customerSubject}}" (ticket {{ticketId}}) before we can go further.

When you have a moment, simply reply to this email. If everything is sorted already, there is nothing to do: we will close the ticket in a few days.

Kind regards,
{{teamName}}`,
      html: `<p>Hello {{customerName}},</p>
<p>We are still waiting for a few details from you about &ldquo;{{customerSubject}}&rdquo; (ticket <strong>{{ticketId}}</strong>) before we can go further.</p>
<p>When you have a moment, simply reply to this email. If everything is sorted already, there is nothing to do: we will close the ticket in a few days.</p>
<p>Kind regards,<br>{{teamName}}</p>`,
    },
    'zh-Hans': {
      subject: '回复：{{customerSubject}} [{{ticketId}}]',
      text: `{{customerName}}，您好：

关于“{{customerSubject}}”（工单号 {{ticketId}}），我们还需要您补充一些信息才能继续处理。

您方便时直接回复这封邮件即可。如果问题已经解决，您无需做任何操作，我们会在几天后关闭这个工单。

此致
敬礼！
{{teamName}}`,
      html: `<p>{{customerName}}，您好：</p>
<p>关于“{{customerSubject}}”（工单号 <strong>{{ticketId}}</strong>），我们还需要您补充一些信息才能继续处理。</p>
<p>您方便时直接回复这封邮件即可。如果问题已经解决，您无需做任何操作，我们会在几天后关闭这个工单。</p>
<p>此致<br>敬礼！<br>{{teamName}}</p>`,
    },
    'zh-Hant': {
      subject: '回覆：{{customerSubject}} [{{ticketId}}]',
      text: `{{customerName}}，您好：

關於「{{customerSubject}}」（工單編號 {{ticketId}}），我們還需要您補充一些資料才能繼續處理。

您方便時直接回覆這封郵件即可。如果問題已經解決，您不需要做任何事，我們會在幾天後結案。

敬祝 順心
{{teamName}}`,
      html: `<p>{{customerName}}，您好：</p>
<p>關於「{{customerSubject}}」（工單編號 <strong>{{ticketId}}</strong>），我們還需要您補充一些資料才能繼續處理。</p>
<p>您方便時直接回覆這封郵件即可。如果問題已經解決，您不需要做任何事，我們會在幾天後結案。</p>
<p>敬祝 順心<br>{{teamName}}</p>`,
    },
  },
};
