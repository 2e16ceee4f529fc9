import { messageResponse, type SandboxResponse } from '../kit/http-io.js';
import type { AccessLevel } from './auth.js';

/** What an authenticated /v2 handler receives. */
export interface RouteContext {
  method: string;
  path: string;
  query: URLSearchParams;
  body: Uint8Array;
  access: AccessLevel;
}

export type RouteHandler = (context: RouteContext) => SandboxResponse | Promise<SandboxResponse>;

export interface Router {
  add(method: 'GET' | 'POST', path: string, handler: RouteHandler): void;
  handle(context: RouteContext): SandboxResponse | Promise<SandboxResponse>;
}

/** Exact-path routing is all the provider's API needs; 404 and 405 answer in JSON like the real gateway. */
export function createRouter(): Router {
  const routes = new Map<string, Map<string, RouteHandler>>();
  return {
    add(method, path, handler) {
      const byMethod = routes.get(path) ?? new Map<string, RouteHandler>();
      byMethod.set(method, handler);
      routes.set(path, byMethod);
    },
    handle(context) {
      const byMethod = routes.get(context.path);
      if (byMethod === undefined)
        return messageResponse(404, `No route for ${context.method} ${context.path}`);
      const handler = byMethod.get(context.method);
      if (handler === undefined) {
        return {
          status: 405,
          body: { message: `Method ${context.method} is not allowed on ${context.path}` },
          headers: { Allow: [...byMethod.keys()].join(', ') },
        };
      }
      return handler(context);
    },
  };
}
