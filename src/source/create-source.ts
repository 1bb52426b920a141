// Builds the configured TimetableSource: one adapter per `source.type` (the sources issue adds ics, mytimetable,
// push); a new type is a new case here and a new member of the config's source union.
import type { Kysely } from 'kysely';
import type { SourceConfig } from '../config/config.ts';
import type { Database } from '../store/database.ts';
import { createIcsSource } from './ics/ics-source.ts';
import { createJsonFileSource } from './json-file-source.ts';
import { createMyTimetableSourceFrom } from './mytimetable/mytimetable-source.ts';
import { createPushSource } from './push/push-source.ts';
import { SourceError } from './source-error.ts';
import type { TimetableSource } from './timetable-source.ts';

/** `deps.db`: the store, where the push source keeps what was pushed (required for `source.type: push`). */
export function createSource(config: SourceConfig, deps: { readonly db?: Kysely<Database> } = {}): TimetableSource {
  switch (config.type) {
    case 'json':
      return createJsonFileSource(config.path);
    case 'ics':
      return createIcsSource(config);
    case 'mytimetable':
      return createMyTimetableSourceFrom(config);
    case 'push':
      if (deps.db === undefined) {
        throw new SourceError('SOURCE_UNREADABLE', {
          source: 'pushed timetables',
          summary: 'the push source needs the store: call createSource(config.source, { db })',
        });
      }
      return createPushSource(deps.db);
  }
}
