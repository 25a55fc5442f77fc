import { useMutation } from '@tanstack/react-query';
import { homeserverAt } from '../../matrix/homeserver';
import { registerAccount, solveDummyStage } from '../../matrix/register-account';
import { STAGE } from '../../matrix/uia';
import type { RegistrationValues } from './registration-schema';

const SUPPORTED_STAGES = new Set<string>([STAGE.dummy]);

export function useRegisterAccount(baseUrl: string) {
  return useMutation({
    mutationKey: ['register', baseUrl],
    mutationFn: (values: RegistrationValues) =>
      registerAccount(
        homeserverAt(baseUrl),
        {
          username: values.username,
          password: values.password,
          bind_email: values.bindEmail,
          // This page never uses a login: do not let the server create a device or token.
          inhibit_login: true,
        },
        { supportedStages: SUPPORTED_STAGES, solveStage: solveDummyStage },
      ),
  });
}
