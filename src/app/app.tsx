import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { RegistrationPage } from '../features/registration/registration-page';

export function App({ baseUrl }: { baseUrl: string }) {
  // Registration is not idempotent: never retry a mutation behind the person's back.
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { mutations: { retry: false }, queries: { retry: false } } }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <RegistrationPage baseUrl={baseUrl} />
    </QueryClientProvider>
  );
}
