import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { enableMocking } from './app/enable-mocking';
import { fetchAppConfig, readLinkParams } from './config/app-config';
import { messages } from './messages/form';
import './styles.css';

async function start(root: HTMLElement) {
  const mock = await enableMocking();
  try {
    const config = await fetchAppConfig();
    // In mock mode the built-in homeserver is the default; `?hs=` can still name a real one.
    if (mock) config.defaultServer = mock.serverName;
    const link = readLinkParams(window.location.search);
    createRoot(root).render(
      <StrictMode>
        <App config={config} link={link} />
      </StrictMode>,
    );
  } catch {
    root.textContent = messages.configFailed;
  }
}

const root = document.getElementById('root');
if (root) void start(root);
