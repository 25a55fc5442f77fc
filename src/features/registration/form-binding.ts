import type { SyntheticEvent } from 'react';
import type { RegistrationValues } from './registration-schema';

export type FieldName = keyof RegistrationValues;
export type TextField = Exclude<FieldName, 'bindEmail'>;

/** What an input needs from the form that owns it. */
export interface FieldProps {
  name: string;
  onChange?: (event: { target: { value: string } }) => unknown;
  onBlur?: (event: { target: unknown }) => unknown;
  ref?: (element: HTMLInputElement | null) => void;
  defaultValue?: string;
  defaultChecked?: boolean;
}

/**
 * The form as `RegistrationForm` sees it, so that the same markup serves the full page (bound to
 * react-hook-form) and the first paint, before react-hook-form and the rest have loaded.
 */
export interface FormBinding {
  field(name: FieldName, options?: { onChange?: (value: string) => void }): FieldProps;
  value(name: TextField): string;
  errors: Partial<Record<FieldName, { message?: string }>>;
  submitCount: number;
  onSubmit: (event: SyntheticEvent<HTMLFormElement, SubmitEvent>) => void;
}

export const FIELD_IDS: Record<FieldName, string> = {
  username: 'field-username',
  password: 'field-password',
  confirm: 'field-confirm',
  email: 'field-email',
  bindEmail: 'field-bind-email',
  token: 'field-token',
};
