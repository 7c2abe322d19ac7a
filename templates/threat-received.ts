import { CustomerFactsSchema } from './acknowledgement.ts';
import type { TemplateDefinition } from './template-definition.ts';

/** The first reply to a threat: calm, taken seriously, passed to a senior team. It admits nothing. */
export const threatReceived: TemplateDefinition<typeof CustomerFactsSchema> = {
  id: 'threat-received',
  schema: CustomerFactsSchema,
  locales: {
    en: {
      subject: 'Re: {{customerSubject}} [{{ticketId}}]',
      text: `Hello {{customerName}},

We have received your message about "{{customerSubject}}" and we are taking it seriously. It is now ticket {{ticketId}} and has been passed to a senior member of our team.

They will review it and reply to you personally by {{dueAt}}.

Regards,
{{teamName}}`,
      html: `<p>Hello {{customerName}},</p>
<p>We have received your message about &ldquo;{{customerSubject}}&rdquo; and we are taking it seriously. It is now ticket <strong>{{ticketId}}</strong> and has been passed to a senior member of our team.</p>
<p>They will review it and reply to you personally by <strong>{{dueAt}}</strong>.</p>
<p>Regards,<br>{{teamName}}</p>`,
    },
    'zh-Hans': {
      subject: '回复：{{customerSubject}} [{{ticketId}}]',
      text: `{{customerName}}，您好：

我们已经收到您关于“{{customerSubject}}”的来信，并会认真对待。该邮件已登记为工单 {{ticketId}}，并已转交我们团队的资深负责人。

负责人会审阅后在{{dueAt}}之前亲自回复您。

此致
敬礼！
{{teamName}}`,
      html: `<p>{{customerName}}，您好：</p>
<p>我们已经收到您关于“{{customerSubject}}”的来信，并会认真对待。该邮件已登记为工单 <strong>{{ticketId}}</strong>，并已转交我们团队的资深负责人。</p>
<p>负责人会审阅后在<strong>{{dueAt}}</strong>之前亲自回复您。</p>
<p>此致<br>敬礼！<br>{{teamName}}</p>`,
    },
    'zh-Hant': {
      subject: '回覆：{{customerSubject}} [{{ticketId}}]',
      text: `{{customerName}}，您好：

我們已經收到您關於「{{customerSubject}}」的來信，並會認真處理。此郵件已登記為工單 {{ticketId}}，並已轉交我們團隊的資深負責人。

負責人會審閱後在{{dueAt}}之前親自回覆您。

敬祝 順心
{{teamName}}`,
      html: `<p>{{customerName}}，您好：</p>
<p>我們已經收到您關於「{{customerSubject}}」的來信，並會認真處理。此郵件已登記為工單 <strong>{{ticketId}}</strong>，並已轉交我們團隊的資深負責人。</p>
<p>負責人會審閱後在<strong>{{dueAt}}</strong>之前親自回覆您。</p>
<p>敬祝 順心<br>{{teamName}}</p>`,
    },
  },
};
