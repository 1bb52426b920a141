// Builds the configured roster: a people file, or an Entra group read through the engine's Graph client.
import type { GraphClient } from '../graph/graph-client.ts';
import { createFileRoster } from './file-roster.ts';
import { createGroupRoster } from './group-roster.ts';
import type { PeopleConfig } from './people-config.ts';
import type { PeopleRoster } from './people-roster.ts';

export function createRoster(config: PeopleConfig, graph: GraphClient): PeopleRoster {
  switch (config.kind) {
    case 'file':
      return createFileRoster(config.path);
    case 'group':
      return createGroupRoster(config.groupId, graph);
  }
}
