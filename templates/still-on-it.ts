import { CustomerFactsSchema } from './acknowledgement.ts';
import type { TemplateDefinition } from './template-definition.ts';

/** Sent when the time we promised passes without a person's answer: silence is worse than bad news. */
export const stillOnIt: TemplateDefinition<typeof CustomerFactsSchema> = {
  id: 'still-on-it',
  schema: CustomerFactsSchema,
  locales: {
    en: {
      subject: 'Re: {{customerSubject}} [{{ticketId}}]',
      text: `Hello {{customerName}},

We promised you an answer about "{{customerSubject}}" (ticket {{ticketId}}) by now, and we have not managed it yet. We are sorry for the wait.

Your ticket has been moved up our queue and a member of our team is working on it. You do not need to write again; we will reply as soon as we can.

Kind regards,
{{teamName}}`,
      html: `<p>Hello {{customerName}},</p>
<p>We promised you an answer about &ldquo;{{customerSubject}}&rdquo; (ticket <strong>{{ticketId}}</strong>) by now, and we have not managed it yet. We are sorry for the wait.</p>
<p>Your ticket has been moved up our queue and a member of our team is working on it. You do not need to write again; we will reply as soon as we can.</p>
<p>Kind regards,<br>{{teamName}}</p>`,
    },
    'zh-Hans': {
      subject: '回复：{{customerSubject}} [{{ticketId}}]',
      text: `{{customerName}}，您好：

我们原本承诺在此之前就“{{customerSubject}}”（工单号 {{ticketId}}）给您答复，但还没有做到，让您久等了，非常抱歉。

您的工单已经提前处理，客服人员正在跟进。您无需再次来信，我们会尽快回复您。

此致
敬礼！
{{teamName}}`,
      html: `<p>{{customerName}}，您好：</p>
<p>我们原本承诺在此之前就“{{customerSubject}}”（工单号 <strong>{{ticketId}}</strong>）给您答复，但还没有做到，让您久等了，非常抱歉。</p>
<p>您的工单已经提前处理，客服人员正在跟进。您无需再次来信，我们会尽快回复您。</p>
<p>此致<br>敬礼！<br>{{teamName}}</p>`,
    },
    'zh-Hant': {
      subject: '回覆：{{customerSubject}} [{{ticketId}}]',
      text: `{{customerName}}，您好：

我們原本承諾在此之前就「{{customerSubject}}」（工單編號 {{ticketId}}）給您答覆，但還沒有做到，讓您久等了，非常抱歉。

您的工單已經優先處理，客服人員正在跟進。您不需要再次來信，我們會盡快回覆您。

敬祝 順心
{{teamName}}`,
      html: `<p>{{customerName}}，您好：</p>
<p>我們原本承諾在此之前就「{{customerSubject}}」（工單編號 <strong>{{ticketId}}</strong>）給您答覆，但還沒有做到，讓您久等了，非常抱歉。</p>
<p>您的工單已經優先處理，客服人員正在跟進。您不需要再次來信，我們會盡快回覆您。</p>
<p>敬祝 順心<br>{{teamName}}</p>`,
    },
  },
};
