import type { Need } from '../../matrix/flow';

/**
 * The form's values as sent: a field the form does not show (a token from an invite link, an
 * email saved for another server) is not sent. Apart from the schema, so that the page can use it
 * without loading zod.
 */
export function shownValues<T extends { email: string; token: string }>(
  fields: { email: Need; token: Need },
  values: T,
): T {
  return {
    ...values,
    email: fields.email === 'none' ? '' : values.email,
    token: fields.token === 'none' ? '' : values.token,
  };
}
