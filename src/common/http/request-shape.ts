import type { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { DomainError } from '../errors/domain-error.js';
import type { ErrorBody } from './global-exception.filter.js';

// Input no route accepts, refused before any route sees it: a NUL character (PostgreSQL text cannot hold one, and
// no name, reference or filter needs it) in the address, a body or a form field, and JSON nested deeper than any
// request of this service is. Otherwise they would reach the database or the validators and fail there as server
// errors.

/** Deeper than any request of the service (a rule-set draft, an object of files, is the deepest: 3). */
export const MAX_JSON_DEPTH = 32;

type Problem = { code: string; message: string };

function refuse(response: Response, { code, message }: Problem): void {
  const body: ErrorBody = { statusCode: 400, code, message };
  response.status(400).json(body);
}

/**
 * What is wrong with a request's parsed input (a JSON body, form fields, a query), if anything. Iterative, so no
 * depth of input can overflow the stack.
 */
export function inputProblem(body: unknown): Problem | undefined {
  const stack: { value: unknown; depth: number; path: string }[] = [{ value: body, depth: 0, path: '' }];
  while (stack.length > 0) {
    const { value, depth, path } = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) {
        return nul(path === '' ? 'a value of the request' : `the field "${path}"`);
      }
    } else if (value !== null && typeof value === 'object') {
      if (depth >= MAX_JSON_DEPTH) {
        return {
          code: 'REQUEST_TOO_DEEP',
          message: `The request is nested more than ${MAX_JSON_DEPTH} levels deep; no request of this service is.`,
        };
      }
      for (const [key, child] of Object.entries(value)) {
        if (key.includes('\u0000')) {
          return nul('a field name of the request');
        }
        stack.push({ value: child, depth: depth + 1, path: path === '' ? key : `${path}.${key}` });
      }
    }
  }
  return undefined;
}

function nul(where: string): Problem {
  return {
    code: 'NUL_CHARACTER',
    message: `${where[0].toUpperCase()}${where.slice(1)} contains a NUL character (code 0), which no value may hold. Remove it and send the request again.`,
  };
}

/** Refuses a NUL character anywhere in the address (path or query, escaped as %00). */
export function refuseNulInAddress(request: Request, response: Response, next: NextFunction): void {
  if (/%00/i.test(request.originalUrl) || request.originalUrl.includes('\u0000')) {
    refuse(response, nul('the address (its path or query)'));
    return;
  }
  next();
}

/** A request whose input no route accepts. */
export class RequestShapeError extends DomainError {
  readonly kind = 'invalid-input';

  constructor({ code, message }: Problem) {
    super(code, message);
  }
}

/**
 * Checks every body, query and path argument before validation (a JSON body or a multipart form's fields alike):
 * a NUL character, or nesting too deep for the validators to walk.
 */
export class RequestShapePipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      const problem = inputProblem(value);
      if (problem) {
        throw new RequestShapeError(problem);
      }
    }
    return value;
  }
}
