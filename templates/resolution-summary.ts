import * as z from '../lib/domain/zod.ts';
import { CustomerFactsSchema } from './acknowledgement.ts';
import type { TemplateDefinition } from './template-definition.ts';

export const ResolutionFactsSchema = z.extend(CustomerFactsSchema, {
  /** What was done, in the agent's own words (plain text; escaped in HTML, line breaks kept). */
  summary: z.string().check(z.minLength(1), z.maxLength(5000)),
});

/** Sent when an agent resolves a ticket with a summary: what we did, and how to reopen it. */
export const resolutionSummary: TemplateDefinition<typeof ResolutionFactsSchema> = {
  id: 'resolution-summary',
  schema: ResolutionFactsSchema,
  locales: {
    en: {
      subject: 'Resolved: {{customerSubject}} [{{ticketId}}]',
      text: `Hello {{customerName}},

We have resolved your ticket {{ticketId}} about "{{customerSubject}}". Here is what we did:

{{summary}}

If this does not settle it, reply to this email and the ticket will reopen with the same team. Thank you for your patience while we sorted it out.

Kind regards,
{{teamName}}`,
      html: `<p>Hello {{customerName}},</p>
<p>We have resolved your ticket <strong>{{ticketId}}</strong> about &ldquo;{{customerSubject}}&rdquo;. Here is what we did:</p>
<p style="white-space:pre-line;border-left:3px solid #d0d7de;padding-left:12px">{{summary}}</p>
<p>If this does not settle it, reply to this email and the ticket will reopen with the same team. Thank you for your patience while we sorted it out.</p>
<p>Kind regards,<br>{{teamName}}</p>`,
    },
    'zh-Hans': {
      subject: '已解决：{{customerSubject}} [{{ticketId}}]',
      text: `{{customerName}}，您好：

您关于“{{customerSubject}}”的工单 {{ticketId}} 已经处理完毕。我们的处理如下：

{{summary}}

如果问题仍未解决，直接回复这封邮件即可，工单会重新打开，由同一个团队继续跟进。感谢您在处理期间的耐心。

此致
敬礼！
{{teamName}}`,
      html: `<p>{{customerName}}，您好：</p>
<p>您关于“{{customerSubject}}”的工单 <strong>{{ticketId}}</strong> 已经处理完毕。我们的处理如下：</p>
<p style="white-space:pre-line;border-left:3px solid #d0d7de;padding-left:12px">{{summary}}</p>
<p>如果问题仍未解决，直接回复这封邮件即可，工单会重新打开，由同一个团队继续跟进。感谢您在处理期间的耐心。</p>
<p>此致<br>敬礼！<br>{{teamName}}</p>`,
    },
    'zh-Hant': {
      subject: '已解決：{{customerSubject}} [{{ticketId}}]',
      text: `{{customerName}}，您好：

您關於「{{customerSubject}}」的工單 {{ticketId}} 已經處理完畢。我們的處理如下：

{{summary}}

如果問題仍未解決，直接回覆這封郵件即可，工單會重新開啟，由同一個團隊繼續跟進。感謝您在處理期間的耐心。

敬祝 順心
{{teamName}}`,
      html: `<p>{{customerName}}，您好：</p>
<p>您關於「{{customerSubject}}」的工單 <strong>{{ticketId}}</strong> 已經處理完畢。我們的處理如下：</p>
<p style="white-space:pre-line;border-left:3px solid #d0d7de;padding-left:12px">{{summary}}</p>
<p>如果問題仍未解決，直接回覆這封郵件即可，工單會重新開啟，由同一個團隊繼續跟進。感謝您在處理期間的耐心。</p>
<p>敬祝 順心<br>{{teamName}}</p>`,
    },
  },
};
