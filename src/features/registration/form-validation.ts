import { zodResolver } from '@hookform/resolvers/zod';
import type { ResolverOptions } from 'react-hook-form';
import { registrationSchema, type RegistrationValues, type SchemaContext } from './registration-schema';

/** The form's zod resolver, loaded with the first validation (it is not needed to type). */
export function validateRegistration(
  context: SchemaContext,
  values: RegistrationValues,
  options: ResolverOptions<RegistrationValues>,
) {
  return zodResolver(registrationSchema(context))(values, undefined, options);
}
