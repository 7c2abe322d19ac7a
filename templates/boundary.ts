import { CustomerFactsSchema } from './acknowledgement.ts';
import type { TemplateDefinition } from './template-definition.ts';

/** The first reply to a rude message: polite, firm, and still helpful. Never rudeness for rudeness. */
export const boundary: TemplateDefinition<typeof CustomerFactsSchema> = {
  id: 'boundary',
  schema: CustomerFactsSchema,
  locales: {
    en: {
      subject: 'Re: {{customerSubject}} [{{ticketId}}]',
      text: `Hello {{customerName}},

Thank you for your message about "{{customerSubject}}". We can see you are frustrated, and we want to help. It is now ticket {{ticketId}}, and a member of our team will reply to you personally by {{dueAt}}.

We ask that you keep your messages free of insults and abusive language. Our team will always treat you with respect, and we ask the same in return, so that we can concentrate on solving the problem.

Kind regards,
{{teamName}}`,
      html: `<p>Hello {{customerName}},</p>
<p>Thank you for your message about &ldquo;{{customerSubject}}&rdquo;. We can see you are frustrated, and we want to help. It is now ticket <strong>{{ticketId}}</strong>, and a member of our team will reply to you personally by <strong>{{dueAt}}</strong>.</p>
<p>We ask that you keep your messages free of insults and abusive language. Our team will always treat you with respect, and we ask the same in return, so that we can concentrate on solving the problem.</p>
<p>Kind regards,<br>{{teamName}}</p>`,
    },
    'zh-Hans': {
      subject: '回复：{{customerSubject}} [{{ticketId}}]',
      text: `{{customerName}}，您好：

感谢您就“{{customerSubject}}”与我们联系。我们理解您很着急，也很想帮您解决问题。您的邮件已登记为工单 {{ticketId}}，客服人员会在{{dueAt}}之前亲自回复您。

也请您在来信中不要使用辱骂或侮辱性的语言。我们的团队始终会尊重您，也希望得到同样的尊重，这样我们才能专心为您解决问题。

此致
敬礼！
{{teamName}}`,
      html: `<p>{{customerName}}，您好：</p>
<p>感谢您就“{{customerSubject}}”与我们联系。我们理解您很着急，也很想帮您解决问题。您的邮件已登记为工单 <strong>{{ticketId}}</strong>，客服人员会在<strong>{{dueAt}}</strong>之前亲自回复您。</p>
<p>也请您在来信中不要使用辱骂或侮辱性的语言。我们的团队始终会尊重您，也希望得到同样的尊重，这样我们才能专心为您解决问题。</p>
<p>此致<br>敬礼！<br>{{teamName}}</p>`,
    },
    'zh-Hant': {
      subject: '回覆：{{customerSubject}} [{{ticketId}}]',
      text: `{{customerName}}，您好：

感謝您就「{{customerSubject}}」與我們聯絡。我們理解您很著急，也很想幫您解決問題。您的郵件已登記為工單 {{ticketId}}，客服人員會在{{dueAt}}之前親自回覆您。

也請您在來信中不要使用辱罵或侮辱性的語言。我們的團隊始終會尊重您，也希望得到同樣的尊重，這樣我們才能專心為您解決問題。

敬祝 順心
{{teamName}}`,
      html: `<p>{{customerName}}，您好：</p>
<p>感謝您就「{{customerSubject}}」與我們聯絡。我們理解您很著急，也很想幫您解決問題。您的郵件已登記為工單 <strong>{{ticketId}}</strong>，客服人員會在<strong>{{dueAt}}</strong>之前親自回覆您。</p>
<p>也請您在來信中不要使用辱罵或侮辱性的語言。我們的團隊始終會尊重您，也希望得到同樣的尊重，這樣我們才能專心為您解決問題。</p>
<p>敬祝 順心<br>{{teamName}}</p>`,
    },
  },
};
