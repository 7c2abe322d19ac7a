import type { BedrockRuntimeClient, ConverseCommandInput, ConverseCommandOutput, ToolInputSchema } from '@aws-sdk/client-bedrock-runtime';
import type { ClassifyInput } from '../../classify/classifier.ts';
import {
  messageForReview,
  SECOND_OPINION_INSTRUCTIONS,
  type SecondOpinion,
  type SecondOpinionAnswer,
  type SpendLimiter,
  type TokenPrices,
  type UnavailableReason,
  VERDICT_TOOL_NAME,
  VERDICT_TOOL_SCHEMA,
  VerdictSchema,
  worstCaseCostUsd,
} from '../../classify/second-opinion.ts';
import type { Clock } from '../../domain/ports.ts';
import { describeZodError } from '../../domain/zod-issues.ts';

export interface BedrockSecondOpinionSettings {
  /** A foundation model id or an inference profile id (e.g. amazon.nova-micro-v1:0). */
  readonly modelId: string;
  /** The whole call, retries included; then the local result stands. */
  readonly timeoutMs: number;
  readonly maxOutputTokens: number;
  readonly prices: TokenPrices;
}

/** The Converse API with one tool the model must call; its input is the verdict, checked before use. */
export class BedrockSecondOpinion implements SecondOpinion {
  constructor(
    private readonly client: BedrockRuntimeClient | (() => Promise<BedrockRuntimeClient>),
    private readonly settings: BedrockSecondOpinionSettings,
    private readonly budget: SpendLimiter,
    private readonly clock: Clock,
  ) {}

  async review(input: ClassifyInput): Promise<SecondOpinionAnswer> {
    // One budget for everything below: the reservation and the first call's SDK import count against the timeout too.
    const deadline = performance.now() + this.settings.timeoutMs;
    const request = converseRequest(this.settings, messageForReview(input));
    const cost = worstCaseCostUsd(Buffer.byteLength(JSON.stringify(request)), this.settings.maxOutputTokens, this.settings.prices);
    try {
      if (!(await this.budget.reserve(cost, this.clock.now()))) return unavailable('budget-exhausted', "this month's cap for second opinions is reached");
    } catch (error) {
      return unavailable('error', `the spending cap could not be checked: ${nameOf(error)}`);
    }
    let output: ConverseCommandOutput;
    try {
      // Loaded with the first call: a function that never asks for a second opinion never loads the package.
      const [{ ConverseCommand }, client] = await Promise.all([import('@aws-sdk/client-bedrock-runtime'), typeof this.client === 'function' ? this.client() : this.client]);
      const left = Math.floor(deadline - performance.now());
      if (left <= 0) return unavailable('timeout', `no time left for ${this.settings.modelId} after the spending cap and the SDK`);
      output = await client.send(new ConverseCommand(request), { abortSignal: AbortSignal.timeout(left) });
    } catch (error) {
      return unavailable(reasonOf(error), `${nameOf(error)} from ${this.settings.modelId}`);
    }
    return verdictOf(output);
  }
}

/** The Converse request for one message: the instructions, the message alone in the user turn, and the one tool. */
function converseRequest(settings: Pick<BedrockSecondOpinionSettings, 'modelId' | 'maxOutputTokens'>, message: string): ConverseCommandInput {
  return {
    modelId: settings.modelId,
    system: [{ text: SECOND_OPINION_INSTRUCTIONS }],
    messages: [{ role: 'user', content: [{ text: message }] }],
    toolConfig: {
      tools: [
        {
          toolSpec: {
            name: VERDICT_TOOL_NAME,
            description: 'Records the queue a support e-mail belongs in.',
            inputSchema: { json: VERDICT_TOOL_SCHEMA as ToolInputSchema.JsonMember['json'] },
          },
        },
      ],
      toolChoice: { tool: { name: VERDICT_TOOL_NAME } },
    },
    inferenceConfig: { maxTokens: settings.maxOutputTokens, temperature: 0 },
  };
}

/** The tool call's input as a verdict, or why it is not one. */
export function verdictOf(output: ConverseCommandOutput): SecondOpinionAnswer {
  const call = output.output?.message?.content?.find((block) => block.toolUse?.name === VERDICT_TOOL_NAME)?.toolUse;
  if (!call) return unavailable('malformed-answer', `no ${VERDICT_TOOL_NAME} call in the answer (stop reason: ${output.stopReason ?? 'none'})`);
  const parsed = VerdictSchema.safeParse(call.input);
  return parsed.success ? { kind: 'verdict', verdict: parsed.data } : unavailable('malformed-answer', describeZodError(parsed.error));
}

function unavailable(reason: UnavailableReason, detail: string): SecondOpinionAnswer {
  return { kind: 'unavailable', reason, detail };
}

const THROTTLED = new Set(['ThrottlingException', 'ServiceQuotaExceededException', 'ServiceUnavailableException', 'TooManyRequestsException']);
const TIMED_OUT = new Set(['AbortError', 'TimeoutError', 'ModelTimeoutException', 'RequestTimeout']);

function reasonOf(error: unknown): UnavailableReason {
  const name = nameOf(error);
  if (THROTTLED.has(name)) return 'throttled';
  if (TIMED_OUT.has(name)) return 'timeout';
  return 'error';
}

function nameOf(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
