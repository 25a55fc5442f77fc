import { MatrixApiError, TransportError } from '../../matrix/errors';
import { UnsupportedFlowError } from '../../matrix/register-account';
import { messages } from '../../messages';
import type { RegistrationValues } from './registration-schema';

export interface DescribedError {
  /** The field the error concerns, or none for a form-level error. */
  field?: keyof RegistrationValues;
  message: string;
  /** The server's own words and code, shown under "Details". */
  details?: string;
}

export function describeError(error: unknown): DescribedError {
  if (error instanceof MatrixApiError) {
    const details = [error.errcode, error.serverMessage].filter(Boolean).join(': ');
    if (error.errcode === 'M_USER_IN_USE') return { field: 'username', message: messages.username.inUse, details };
    return { message: messages.errors.generic, details };
  }
  if (error instanceof TransportError) {
    const message = {
      network: messages.errors.network,
      timeout: messages.errors.timeout,
      server: messages.errors.server,
      'not-json': messages.errors.notJson,
      'unexpected-status': messages.errors.generic,
    }[error.failure];
    return { message, details: error.status === undefined ? undefined : `HTTP ${error.status}` };
  }
  if (error instanceof UnsupportedFlowError) {
    return {
      message: messages.errors.unsupportedFlow,
      details: error.flows.map((flow) => flow.join(' → ')).join('; '),
    };
  }
  return { message: messages.errors.generic };
}
