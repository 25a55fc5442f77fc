import { RegistrationForm } from './registration-form';
import { SuccessScreen } from './success-screen';
import { useRegisterAccount } from './use-register-account';

export function RegistrationPage({ baseUrl }: { baseUrl: string }) {
  const registration = useRegisterAccount(baseUrl);
  return (
    <main className="card">
      {registration.data ? (
        <SuccessScreen userId={registration.data.user_id} />
      ) : (
        <RegistrationForm
          serverLabel={new URL(baseUrl).host}
          pending={registration.isPending}
          error={registration.error}
          onSubmit={(values) => registration.mutate(values)}
        />
      )}
    </main>
  );
}
