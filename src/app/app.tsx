import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import type { AppConfig, LinkParams } from '../config/app-config';
import { SignupPage } from '../features/registration/signup-page';

export function App({ config, link }: { config: AppConfig; link: LinkParams }) {
  const [queryClient] = useState(
    () =>
      new QueryClient({
        // Registration is not idempotent and a 429 must be waited out: nothing retries behind the person's back.
        // `networkMode: always`: the page explains being offline itself, rather than pausing silently.
        defaultOptions: {
          mutations: { retry: false, networkMode: 'always' },
          queries: { retry: false, refetchOnWindowFocus: false, staleTime: 30_000, networkMode: 'always' },
        },
      }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <SignupPage config={config} link={link} />
    </QueryClientProvider>
  );
}
