// Builds the configured TimetableSource: one adapter per `source.type` (the sources issue adds ics, mytimetable,
// push); a new type is a new case here and a new member of the config's source union.
import type { SourceConfig } from '../config/config.ts';
import { createJsonFileSource } from './json-file-source.ts';
import type { TimetableSource } from './timetable-source.ts';

export function createSource(config: SourceConfig): TimetableSource {
  switch (config.type) {
    case 'json':
      return createJsonFileSource(config.path);
  }
}
