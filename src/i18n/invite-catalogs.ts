import { addCatalogs, type Catalog } from './catalogs';

/** The invite desk's catalogs (invite.html only), loadable once this module is imported. */
addCatalogs(import.meta.glob<{ default: Catalog }>('../locales/*/invite.json'));
