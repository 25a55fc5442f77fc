import type { ErrorField } from '../../matrix/decode-error';

export interface PageErrorFields {
  code: string;
  field: ErrorField;
  text: string;
  /** The errcode, status and the server's own words, for "Details". Rendered as text only. */
  details?: string;
  retryable: boolean;
  retryAfterMs?: number;
  retryUntil?: number;
  adminContact?: string;
  limitType?: string;
}

/**
 * A failure as the page shows it: worded already (the wording loads with the protocol code, after
 * the form is usable), with the field it concerns and, for a 429, when the wait ends.
 */
export class PageError extends Error implements PageErrorFields {
  override readonly name = 'PageError';
  readonly code: string;
  readonly field: ErrorField;
  readonly text: string;
  readonly details?: string;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly retryUntil?: number;
  readonly adminContact?: string;
  readonly limitType?: string;

  constructor(fields: PageErrorFields) {
    super(fields.code);
    this.code = fields.code;
    this.field = fields.field;
    this.text = fields.text;
    this.details = fields.details;
    this.retryable = fields.retryable;
    this.retryAfterMs = fields.retryAfterMs;
    this.retryUntil = fields.retryUntil;
    this.adminContact = fields.adminContact;
    this.limitType = fields.limitType;
  }
}
