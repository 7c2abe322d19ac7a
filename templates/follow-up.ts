import { CustomerFactsSchema } from './acknowledgement.ts';
import type { TemplateDefinition } from './template-definition.ts';

/** Sent some days after resolution: never close on an unhappy customer. A reply reopens the ticket. */
export const followUp: TemplateDefinition<typeof CustomerFactsSchema> = {
  id: 'follow-up',
  schema: CustomerFactsSchema,
  locales: {
    en: {
      subject: 'Re: {{customerSubject}} [{{ticketId}}]',
      text: `Hello {{customerName}},

A few days ago we closed your ticket {{ticketId}} about "{{customerSubject}}". We would like to know: are you satisfied with how it was resolved?

If anything is still not right, just reply to this email. Your ticket will reopen and the same team will pick it up.

Thank you for letting us help,
{{teamName}}`,
      html: `<p>Hello {{customerName}},</p>
<p>A few days ago we closed your ticket <strong>{{ticketId}}</strong> about &ldquo;{{customerSubject}}&rdquo;. We would like to know: are you satisfied with how it was resolved?</p>
<p>If anything is still not right, just reply to this email. Your ticket will reopen and the same team will pick it up.</p>
<p>Thank you for letting us help,<br>{{teamName}}</p>`,
    },
    'zh-Hans': {
      subject: '回复：{{customerSubject}} [{{ticketId}}]',
      text: `{{customerName}}，您好：

几天前我们关闭了您关于“{{customerSubject}}”的工单 {{ticketId}}。想请问您：对处理结果满意吗？

如果还有任何不妥，直接回复这封邮件即可，工单会重新打开，由同一个团队继续跟进。

感谢您给我们帮忙的机会。
{{teamName}}`,
      html: `<p>{{customerName}}，您好：</p>
<p>几天前我们关闭了您关于“{{customerSubject}}”的工单 <strong>{{ticketId}}</strong>。想请问您：对处理结果满意吗？</p>
<p>如果还有任何不妥，直接回复这封邮件即可，工单会重新打开，由同一个团队继续跟进。</p>
<p>感谢您给我们帮忙的机会。<br>{{teamName}}</p>`,
    },
    'zh-Hant': {
      subject: '回覆：{{customerSubject}} [{{ticketId}}]',
      text: `{{customerName}}，您好：

幾天前我們結束了您關於「{{customerSubject}}」的工單 {{ticketId}}。想請問您：對處理結果滿意嗎？

如果還有任何不妥，直接回覆這封郵件即可，工單會重新開啟，由同一個團隊繼續跟進。

感謝您給我們服務的機會。
{{teamName}}`,
      html: `<p>{{customerName}}，您好：</p>
<p>幾天前我們結束了您關於「{{customerSubject}}」的工單 <strong>{{ticketId}}</strong>。想請問您：對處理結果滿意嗎？</p>
<p>如果還有任何不妥，直接回覆這封郵件即可，工單會重新開啟，由同一個團隊繼續跟進。</p>
<p>感謝您給我們服務的機會。<br>{{teamName}}</p>`,
    },
  },
};
