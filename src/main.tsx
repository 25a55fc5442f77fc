import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { enableMocking } from './app/enable-mocking';
import { baseUrlFor, chooseServer, fetchAppConfig } from './config/app-config';
import { messages } from './messages';
import './styles.css';

async function start(root: HTMLElement) {
  const mock = await enableMocking();
  let baseUrl: string;
  try {
    const config = await fetchAppConfig();
    baseUrl = baseUrlFor(chooseServer(mock ? { default_server: mock.baseUrl } : config, window.location.search));
  } catch {
    root.textContent = messages.config.failed;
    return;
  }
  createRoot(root).render(
    <StrictMode>
      <App baseUrl={baseUrl} />
    </StrictMode>,
  );
}

const root = document.getElementById('root');
if (root) void start(root);
