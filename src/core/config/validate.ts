// Turns unknown input into a config or a list of messages that each name the offending field.
import type { z } from 'zod';
import { experimentConfig, type ExperimentConfig } from './schema';

export interface FieldError {
  /** Dotted path of the field, e.g. "students.2.sigma". */
  field: string;
  message: string;
}

export type ValidationResult = { ok: true; config: ExperimentConfig } | { ok: false; errors: FieldError[] };

export function validateConfig(input: unknown): ValidationResult {
  const r = experimentConfig.safeParse(input);
  if (r.success) return { ok: true, config: r.data };
  return { ok: false, errors: r.error.issues.map(toFieldError) };
}

function toFieldError(issue: z.core.$ZodIssue): FieldError {
  const field = issue.path.map(String).join('.') || '(config)';
  let message = issue.message;
  if (issue.code === 'invalid_union' && field.endsWith('method')) message = 'unknown method';
  return { field, message };
}

export function formatErrors(errors: FieldError[]): string {
  return errors.map((e) => `${e.field}: ${e.message}`).join('\n');
}
