import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { requestContext } from './request-context.js';

const REQUEST_ID = Symbol('requestId');
type WithRequestId = Request & { [REQUEST_ID]?: string };

// A caller may pass its own id (a proxy's X-Request-Id) if it looks like one; otherwise we make one.
const ACCEPTABLE_ID = /^[A-Za-z0-9._-]{8,64}$/;

export function requestIdOf(request: Request): string | undefined {
  return (request as WithRequestId)[REQUEST_ID];
}

const logger = new Logger('HTTP');

/** Tags each request with an id (echoed as X-Request-Id) and logs one structured line when it ends. */
export function requestLogging(request: Request, response: Response, next: NextFunction): void {
  const offered = request.header('x-request-id');
  const id = offered && ACCEPTABLE_ID.test(offered) ? offered : randomUUID();
  (request as WithRequestId)[REQUEST_ID] = id;
  response.setHeader('X-Request-Id', id);
  const started = process.hrtime.bigint();
  response.on('finish', () => {
    // Path only: query strings may carry search text, and nothing personal belongs in logs.
    const entry = {
      requestId: id,
      method: request.method,
      path: request.path,
      status: response.statusCode,
      ms: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
    };
    if (response.statusCode >= 500) {
      logger.error(entry);
    } else {
      logger.log(entry);
    }
  });
  requestContext.run({ requestId: id, sourceIp: request.ip ?? null }, next);
}
