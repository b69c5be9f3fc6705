import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { DomainError, type ErrorKind } from '../errors/domain-error.js';
import type { RefusedRequest } from '../../audit/refused-requests.js';
import { currentRequest } from './request-context.js';
import { requestIdOf } from './request-id.js';

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown;
  correlationId?: string;
}

export function statusOf(kind: ErrorKind): number {
  switch (kind) {
    case 'invalid-input':
      return HttpStatus.BAD_REQUEST;
    case 'unsupported-media':
      return HttpStatus.UNSUPPORTED_MEDIA_TYPE;
    case 'payload-too-large':
      return HttpStatus.PAYLOAD_TOO_LARGE;
    case 'not-found':
      return HttpStatus.NOT_FOUND;
    case 'conflict':
      return HttpStatus.CONFLICT;
    case 'unauthenticated':
      return HttpStatus.UNAUTHORIZED;
    case 'forbidden':
      return HttpStatus.FORBIDDEN;
    case 'too-many-requests':
      return HttpStatus.TOO_MANY_REQUESTS;
    case 'unavailable':
      return HttpStatus.SERVICE_UNAVAILABLE;
    default: {
      const unreachable: never = kind;
      return unreachable;
    }
  }
}

/** One place turns errors into responses: coded domain errors into 4xx, anything else into a 500 with an id. */
/** Refusals for who the caller is (not signed in, not allowed, too many attempts): counted for the audit trail. */
const REFUSED_FOR_CALLER = new Set([401, 403, 429]);

@Catch()
export class GlobalExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(GlobalExceptionFilter.name);

  constructor(private readonly refused?: { note(request: RefusedRequest): void }) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<Request>();
    const body = this.toBody(exception, request);
    if (REFUSED_FOR_CALLER.has(body.statusCode)) {
      const principal = currentRequest()?.principal;
      this.refused?.note({
        status: body.statusCode,
        code: body.code,
        method: request.method,
        route: (request.route as { path?: string } | undefined)?.path ?? request.path,
        actor: principal?.label ?? null,
        role: principal?.role ?? null,
        address: request.ip ?? null,
      });
    }
    // A request refused after multer stored its upload (a bad form field, a role check) leaves no file behind.
    const upload = (request as Request & { file?: { path?: string } }).file;
    if (upload?.path) {
      void rm(upload.path, { force: true }).catch(() => undefined);
    }
    if (response.headersSent) {
      // A streamed download failed half way: the status is gone, so end the stream and keep the log.
      response.destroy();
      return;
    }
    const retryAfter = (body.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    if (body.statusCode === 429 && typeof retryAfter === 'number') {
      response.setHeader('Retry-After', String(retryAfter));
    }
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown, request: Request): ErrorBody {
    if (exception instanceof DomainError) {
      return {
        statusCode: statusOf(exception.kind),
        code: exception.code,
        message: exception.message,
        ...(exception.details === undefined ? {} : { details: exception.details }),
      };
    }
    if (exception instanceof HttpException) {
      return this.fromHttpException(exception);
    }
    const correlationId = requestIdOf(request) ?? randomUUID();
    const stack = exception instanceof Error ? exception.stack : String(exception);
    this.logger.error(
      { message: 'Unhandled error', correlationId, method: request.method, route: request.path },
      stack,
    );
    return {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      code: 'INTERNAL_ERROR',
      message: `Something went wrong on our side. Quote reference ${correlationId} when you report it.`,
      correlationId,
    };
  }

  private fromHttpException(exception: HttpException): ErrorBody {
    const statusCode = exception.getStatus();
    const payload = exception.getResponse();
    // The ValidationPipe answers with a list of messages; keep them as details and say it plainly.
    const messages =
      typeof payload === 'object' && payload !== null && 'message' in payload ? payload.message : payload;
    const list = Array.isArray(messages) ? messages.map(String) : undefined;
    return {
      statusCode,
      code: codeForStatus(statusCode),
      message: list ? `The request is not valid: ${list.join('; ')}` : String(messages),
      ...(list ? { details: list } : {}),
    };
  }
}

function codeForStatus(status: number): string {
  const name = HttpStatus[status] as string | undefined;
  return name ?? `HTTP_${status}`;
}
