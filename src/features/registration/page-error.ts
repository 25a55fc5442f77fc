import type { ErrorField } from '../../matrix/decode-error';
import type { MessageId } from '../../i18n/catalogs';
import type { Values } from '../../i18n/format';
import type { Translate } from '../../i18n/i18n';

/** A message to show, worded when it is shown: so that it follows the page's language. */
export interface Message {
  id: MessageId;
  values?: Values;
}

export interface PageErrorFields {
  code: string;
  field: ErrorField;
  /** What to say, in order (the error, then what a resource limit adds). */
  messages: Message[];
  /** The errcode, status and the server's own words, for "Details". Rendered as text only, never translated. */
  details?: string;
  retryable: boolean;
  retryAfterMs?: number;
  retryUntil?: number;
  adminContact?: string;
  limitType?: string;
}

/**
 * A failure as the page shows it: the messages that explain it (worded at render, in the page's
 * language), the field it concerns and, for a 429, when the wait ends.
 */
export class PageError extends Error implements PageErrorFields {
  override readonly name = 'PageError';
  readonly code: string;
  readonly field: ErrorField;
  readonly messages: Message[];
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
    this.messages = fields.messages;
    this.details = fields.details;
    this.retryable = fields.retryable;
    this.retryAfterMs = fields.retryAfterMs;
    this.retryUntil = fields.retryUntil;
    this.adminContact = fields.adminContact;
    this.limitType = fields.limitType;
  }
}

/** An error's messages, worded in the page's language. */
export function errorText(t: Translate, error: PageError): string {
  return error.messages.map((message) => t(message.id, message.values)).join(' ');
}
