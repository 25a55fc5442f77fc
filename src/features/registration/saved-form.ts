/**
 * The non-secret parts of the form, kept for this tab so that a reload loses nothing a person
 * typed but passwords and the registration token, which are never stored.
 */
export interface SavedForm {
  server?: string;
  username?: string;
  email?: string;
  bindEmail?: boolean;
}

const KEY = 'matrix-signup.form';

export function loadSavedForm(): SavedForm {
  try {
    const value = JSON.parse(sessionStorage.getItem(KEY) ?? '{}') as unknown;
    if (typeof value !== 'object' || value === null) return {};
    const { server, username, email, bindEmail } = value as Record<string, unknown>;
    return {
      ...(typeof server === 'string' ? { server } : {}),
      ...(typeof username === 'string' ? { username } : {}),
      ...(typeof email === 'string' ? { email } : {}),
      ...(typeof bindEmail === 'boolean' ? { bindEmail } : {}),
    };
  } catch {
    return {};
  }
}

export function saveForm(saved: SavedForm): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(saved));
  } catch {
    // Storage blocked: the form still works, it just will not survive a reload.
  }
}

export function clearSavedForm(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // Nothing to clear.
  }
}
