import { createRoot } from 'react-dom/client';
import type { MockController } from '../model/controller';
import { MockPanel } from './mock-panel';

/** Puts the panel in its own root beside the app's, so the app's own markup is untouched. */
export function mountMockPanel(controller: MockController): void {
  const host = document.createElement('div');
  host.id = 'mock-panel-root';
  document.body.appendChild(host);
  createRoot(host).render(<MockPanel controller={controller} />);
}
