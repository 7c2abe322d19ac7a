import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';

export interface RunningHttpServer {
  readonly url: string;
  stop(): Promise<void>;
}

/** Serves a fetch handler (a Hono app) on a free loopback port. */
export function serveOnLoopback(fetch: (request: Request) => Response | Promise<Response>): Promise<RunningHttpServer> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        stop: () =>
          new Promise<void>((done) => {
            (server as { closeAllConnections?: () => void }).closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
  });
}
