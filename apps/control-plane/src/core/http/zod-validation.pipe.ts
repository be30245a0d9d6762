import { BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';
import { zodIssues, type ValidationErrorBody } from '@switchyard/contracts';
import type { z } from 'zod';

/**
 * Validates a body or query against a contract schema from libs/contracts. Invalid
 * input gets a 400 listing every problem with its path, and nothing runs.
 */
@Injectable()
export class ZodPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(
    private readonly schema: S,
    private readonly what = 'request body',
  ) {}

  transform(value: unknown): z.output<S> {
    const r = this.schema.safeParse(value ?? {});
    if (r.success) return r.data;
    throw validationError(`Invalid ${this.what}`, zodIssues(r.error));
  }
}

export function validationError(message: string, issues: ValidationErrorBody['issues']): BadRequestException {
  const body: ValidationErrorBody = {
    statusCode: 400,
    error: 'Bad Request',
    message: `${message}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    issues,
  };
  return new BadRequestException(body);
}
