import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

// The size floor: a page that only renders React, built the way the app is.
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <p>React alone</p>
    </StrictMode>,
  );
}
