import type { AppConfig, LinkParams } from '../../config/app-config';
import { isServerName, normaliseLocalpart } from '../../matrix/user-id';
import { FIELD_IDS, type FieldName } from './form-binding';
import type { RegistrationValues } from './registration-schema';
import { loadSavedForm } from './saved-form';

export const SERVER_FIELD_ID = 'field-server';

/**
 * What the form opens with: the invite link, else what this tab kept (never a password). Without
 * `saved`, only what the page was prerendered with (the first render of a hydration must match it).
 */
export function initialForm(config: AppConfig, link: LinkParams, options: { saved: boolean } = { saved: true }) {
  const saved = options.saved ? loadSavedForm() : {};
  const values: RegistrationValues = {
    username: normaliseLocalpart(link.username ?? saved.username ?? '').localpart,
    password: '',
    confirm: '',
    email: link.email ?? saved.email ?? '',
    bindEmail: saved.bindEmail ?? false,
    token: link.token ?? '',
  };
  const server = (config.allowCustomServers ? (link.server ?? saved.server) : undefined) ?? config.defaultServer;
  return { values, server };
}

/**
 * The user-ID domain a typed server name promises; an address promises nothing until the server
 * says, and neither does what cannot be a server name (`not a server` previewed
 * `@ana:not a server`, audit 2026-12 item 15).
 */
export function typedUserIdDomain(input: string): string | undefined {
  const typed = input.trim();
  return /^https?:\/\//i.test(typed) || !isServerName(typed) ? undefined : typed;
}

/**
 * What the person has done in the form so far, read from the page itself: values typed, the field
 * with focus and its selection. The full page takes over from the first paint with these, so that
 * nothing typed before it arrived is lost.
 */
export interface CarriedForm {
  values: Partial<RegistrationValues>;
  /** A server the person started to type in "Change server". */
  server?: string;
  focus?: { id: string; start: number | null; end: number | null };
}

export function carryForm(root: Document = document): CarriedForm {
  const values: Partial<RegistrationValues> = {};
  for (const [name, id] of Object.entries(FIELD_IDS) as [FieldName, string][]) {
    const input = root.getElementById(id);
    // Only what was typed or ticked: an empty field keeps what the link or the tab would put there.
    if (!(input instanceof HTMLInputElement)) continue;
    if (name === 'bindEmail') {
      if (input.checked) values.bindEmail = true;
    } else if (input.value !== '') values[name] = input.value;
  }
  const server = root.getElementById(SERVER_FIELD_ID);
  const active = root.activeElement;
  const focus =
    active instanceof HTMLInputElement && active.id !== ''
      ? { id: active.id, start: active.selectionStart, end: active.selectionEnd }
      : undefined;
  return {
    values,
    ...(server instanceof HTMLInputElement ? { server: server.value } : {}),
    ...(focus ? { focus } : {}),
  };
}

/** Puts focus and selection back where `carryForm` found them. */
export function restoreFocus(carried: CarriedForm | undefined): void {
  const focus = carried?.focus;
  if (!focus) return;
  const input = document.getElementById(focus.id);
  if (!(input instanceof HTMLInputElement)) return;
  input.focus();
  if (focus.start !== null && focus.end !== null) {
    try {
      input.setSelectionRange(focus.start, focus.end);
    } catch {
      // Checkboxes and email fields have no selection.
    }
  }
}
