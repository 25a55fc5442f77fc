import { addCatalogs, type Catalog } from './catalogs';

/** The catalogs of sign-up at an OAuth 2.0 server (its code is loaded only for such a server), loadable once this module is imported. */
addCatalogs(import.meta.glob<{ default: Catalog }>('../locales/*/oauth.json'));
