import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261122000000_catalog } from './Migration20261122000000_catalog.js';
import { Migration20261122010000_inventory } from './Migration20261122010000_inventory.js';
import { Migration20261122020000_dispatch } from './Migration20261122020000_dispatch.js';

/**
 * Every migration, in order. An explicit list, not a folder glob: the package is ESM compiled to
 * dist/, and a list works the same from sources (tests) and from the build. Append new ones here.
 */
export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261122000000_catalog', class: Migration20261122000000_catalog },
  { name: 'Migration20261122010000_inventory', class: Migration20261122010000_inventory },
  { name: 'Migration20261122020000_dispatch', class: Migration20261122020000_dispatch },
];
