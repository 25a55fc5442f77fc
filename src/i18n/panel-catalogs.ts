import { addCatalogs, type Catalog } from './catalogs';

/** The mock panel's catalogs (mock mode only), loadable once this module is imported. */
addCatalogs(import.meta.glob<{ default: Catalog }>('../locales/*/panel.json'));
