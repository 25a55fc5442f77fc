import { decodeError, decodeStageFailure, type DecodedError } from '../../matrix/decode-error';
import { errorMessages } from '../../messages/errors';
import { PageError } from './page-error';

export { discoverHomeserver } from '../../matrix/discovery';
export { fetchPasswordPolicy, fetchRequirements } from '../../matrix/requirements';
export { checkUsernameAvailable } from '../../matrix/username-available';
export { checkRegistrationToken } from '../../matrix/registration-token-validity';
export { RegistrationDriver } from '../../matrix/uia-driver';

const DISCOVERY_TEXT: Record<string, (server: string) => string> = {
  'discovery:invalid-input': () => errorMessages.discovery.invalidInput,
  'discovery:well-known-status': errorMessages.discovery.wellKnownStatus,
  'discovery:well-known-invalid': errorMessages.discovery.wellKnownInvalid,
  'discovery:invalid-base-url': errorMessages.discovery.invalidBaseUrl,
  'discovery:not-a-matrix-server': errorMessages.discovery.notMatrix,
  'discovery:unreachable': errorMessages.discovery.unreachable,
  'discovery:well-known-redirect-loop': errorMessages.discovery.wellKnownRedirectLoop,
  'discovery:redirect-loop': errorMessages.discovery.redirectLoop,
  'discovery:too-large': errorMessages.discovery.tooLarge,
  'discovery:insecure': errorMessages.discovery.insecure,
};

/** The plain-words message: by code, then by status, then generic. */
export function errorText(error: DecodedError, serverName = ''): string {
  const discovery = DISCOVERY_TEXT[error.code];
  if (discovery) return discovery(serverName);
  const byCode = errorMessages.errors[error.code.replace(/\./g, '_')];
  if (byCode) return byCode;
  if (error.status !== undefined && error.status >= 500) return errorMessages.errors['transport:server'] ?? '';
  if (error.code.startsWith('M_UNKNOWN@')) return errorMessages.errors['M_UNKNOWN@400'] ?? '';
  return errorMessages.errors.unknown ?? '';
}

function toPage(decoded: DecodedError, serverName?: string, text?: string): PageError {
  const details = [
    decoded.code.includes(':') ? undefined : decoded.code.split('@')[0],
    decoded.status ? `HTTP ${decoded.status}` : undefined,
    decoded.serverMessage,
  ]
    .filter(Boolean)
    .join(' · ');
  const limitText = decoded.limitType ? errorMessages.resourceLimit[decoded.limitType] : undefined;
  return new PageError({
    code: decoded.code,
    field: decoded.field,
    text: text ?? [errorText(decoded, serverName), limitText].filter(Boolean).join(' '),
    ...(details ? { details } : {}),
    retryable: decoded.retryable,
    ...(decoded.retryAfterMs !== undefined
      ? { retryAfterMs: decoded.retryAfterMs, retryUntil: Date.now() + Math.max(decoded.retryAfterMs, 1000) }
      : {}),
    ...(decoded.adminContact ? { adminContact: decoded.adminContact } : {}),
    ...(decoded.limitType ? { limitType: decoded.limitType } : {}),
  });
}

export function toPageError(error: unknown, serverName?: string): PageError {
  return toPage(decodeError(error), serverName);
}

export function stageFailureToPageError(stage: string, failure: { errcode?: string; error?: string }): PageError {
  const decoded = decodeStageFailure(stage, failure);
  const stageText = errorMessages.stageErrors[decoded.field as keyof typeof errorMessages.stageErrors] as
    string | undefined;
  return toPage(decoded, undefined, decoded.code === 'M_UNAUTHORIZED' ? stageText : undefined);
}

/** Runs a request and rethrows its failure as a worded `PageError`; an abort passes through untouched. */
export async function worded<T>(work: () => Promise<T>, signal?: AbortSignal, serverName?: string): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (signal?.aborted) throw error;
    throw toPageError(error, serverName);
  }
}
