/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** `on` in mock mode (`npm run dev`, the e2e build, the demo build): the homeserver runs in a service worker. */
  readonly VITE_MOCK_HOMESERVER?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
