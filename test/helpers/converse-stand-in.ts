import { createServer, type Http2Server, type Http2ServerRequest, type Http2ServerResponse, type Http2Session } from 'node:http2';
import type { AddressInfo } from 'node:net';

/** One request the stand-in received: the model id from the path and the JSON body. */
export interface ConverseRequest {
  readonly modelId: string;
  readonly body: {
    modelId?: string;
    system?: { text: string }[];
    messages: { role: string; content: { text: string }[] }[];
    toolConfig: { tools: { toolSpec: { name: string; inputSchema: { json: Record<string, unknown> } } }[]; toolChoice: unknown };
    inferenceConfig: { maxTokens: number; temperature: number };
  };
}

/** What to answer: a status and JSON body, or no answer at all (the connection is held until the stand-in stops). */
export type ConverseReply = { status: number; body: unknown; errorType?: string } | 'hang';

/**
 * A local stand-in of Bedrock Runtime's Converse endpoint (POST /model/{modelId}/converse), answering as scripted, so
 * the real SDK client can be tested against timeouts, throttling and malformed answers the real service
 * cannot be made to give on demand.
 */
export class ConverseStandIn {
  readonly requests: ConverseRequest[] = [];
  private readonly sessions = new Set<Http2Session>();

  private constructor(
    private readonly server: Http2Server,
    private reply: (request: ConverseRequest) => ConverseReply,
  ) {}

  static async start(reply: (request: ConverseRequest) => ConverseReply): Promise<ConverseStandIn> {
    let standIn: ConverseStandIn | undefined;
    // HTTP/2 without TLS (h2c), as the SDK's Bedrock Runtime client speaks HTTP/2.
    const server = createServer((req, res) => standIn!.handle(req, res));
    standIn = new ConverseStandIn(server, reply);
    server.on('session', (session) => {
      standIn!.sessions.add(session);
      session.on('close', () => standIn!.sessions.delete(session));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return standIn;
  }

  get endpoint(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  answer(reply: (request: ConverseRequest) => ConverseReply): void {
    this.reply = reply;
    this.requests.length = 0;
  }

  async stop(): Promise<void> {
    for (const session of this.sessions) session.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: Http2ServerRequest, res: Http2ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const match = /^\/model\/([^/]+)\/converse$/.exec(req.url ?? '');
      if (req.method !== 'POST' || !match) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: `no route ${req.method} ${req.url}` }));
        return;
      }
      const request = { modelId: decodeURIComponent(match[1]!), body: JSON.parse(Buffer.concat(chunks).toString('utf8')) };
      this.requests.push(request);
      const reply = this.reply(request);
      // Held: the stream stays open until the client gives up or the stand-in stops.
      if (reply === 'hang') return;
      res.writeHead(reply.status, { 'content-type': 'application/json', ...(reply.errorType ? { 'x-amzn-errortype': reply.errorType } : {}) });
      res.end(JSON.stringify(reply.body));
    });
  }
}

/** A successful Converse answer whose only content is a call of `name` with `input`. */
export function toolAnswer(name: string, input: unknown): ConverseReply {
  return {
    status: 200,
    body: {
      output: { message: { role: 'assistant', content: [{ toolUse: { toolUseId: 'tooluse_1', name, input } }] } },
      stopReason: 'tool_use',
      usage: { inputTokens: 420, outputTokens: 40, totalTokens: 460 },
      metrics: { latencyMs: 120 },
    },
  };
}

/** A successful Converse answer in plain text, with no tool call. */
export function textAnswer(text: string): ConverseReply {
  return {
    status: 200,
    body: {
      output: { message: { role: 'assistant', content: [{ text }] } },
      stopReason: 'end_turn',
      usage: { inputTokens: 420, outputTokens: 12, totalTokens: 432 },
      metrics: { latencyMs: 90 },
    },
  };
}
