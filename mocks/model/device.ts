import { matrixError, type ModelResponse } from './response.js';
import { codePointLength } from './user-id.js';

/** Synapse's `MAX_DEVICE_DISPLAY_NAME_LEN` (v1.94.0 `synapse/handlers/device.py:72`). */
export const MAX_DEVICE_DISPLAY_NAME_LENGTH = 100;

/**
 * `_check_device_name_length` (v1.94.0 `synapse/handlers/device.py:462-478`), run wherever a device
 * is made: at login, and on `/register` only after the account exists. Counted in code points, as
 * Python's `len`.
 */
export function deviceNameProblem(name: unknown): ModelResponse | undefined {
  if (typeof name !== 'string' || codePointLength(name) <= MAX_DEVICE_DISPLAY_NAME_LENGTH) return undefined;
  return matrixError(
    400,
    'M_TOO_LARGE',
    `Device display name is too long (max ${String(MAX_DEVICE_DISPLAY_NAME_LENGTH)})`,
  );
}
