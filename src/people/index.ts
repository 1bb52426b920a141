// The people roster: who is synced in application mode when the source does not list its people (config `people`).
//
// - PeopleRoster.listPeople() → RosterEntry[] (id, mailbox, username, feedKey); a failure is a PeopleError
//   (PEOPLE_UNREADABLE, PEOPLE_INVALID with every bad line and column, PEOPLE_PERMISSION), never an empty list.
// - createRoster(config.people, graph): createFileRoster(path) for `people.file` (CSV), createGroupRoster(groupId,
//   graph) for `people.group` (Graph transitive members; GroupMember.Read.All).
// - peopleSchema / resolvePeople: the config section.
export { createRoster } from './create-roster.ts';
export type { FileRoster } from './file-roster.ts';
export { createFileRoster, parsePeopleCsv } from './file-roster.ts';
export { createGroupRoster } from './group-roster.ts';
export type { PeopleConfig, PeopleSection } from './people-config.ts';
export { peopleSchema, resolvePeople } from './people-config.ts';
export type { PeopleErrorCode, RosterProblem } from './people-error.ts';
export { describeRosterProblem, PeopleError } from './people-error.ts';
export type { PeopleRoster, RosterEntry, RosterReadOptions } from './people-roster.ts';
