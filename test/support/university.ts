// More people for the test tenant: students in the sync group, each with the owner's own appointments (foreign
// events) that the sync must never touch, some of them made to look like ours.

import { MARKER_PROPERTY_SET } from '../../src/mapping/index.ts';
import { groupId } from './emulator.ts';

export interface Student {
  /** The id in the timetable source. */
  readonly personId: string;
  readonly userId: string;
  readonly upn: string;
}

export function students(count: number, prefix = 'st'): Student[] {
  return Array.from({ length: count }, (_, i) => ({
    personId: `${prefix}${i}`,
    userId: `5a5a5a5a-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
    upn: `${prefix}${i}@uni.example`,
  }));
}

/**
 * The owner's own appointments: one at lecture time, one whose subject reads like one of our lectures, one with an
 * extended property in our property set under another name, one in another property set, and an all-day event.
 */
export function foreignEvents(day: (offset: number) => string): Record<string, unknown>[] {
  const at = (offset: number, from: string, to: string) => ({
    start: { dateTime: `${day(offset)}T${from}:00`, timeZone: 'Europe/Amsterdam' },
    end: { dateTime: `${day(offset)}T${to}:00`, timeZone: 'Europe/Amsterdam' },
  });
  return [
    { subject: 'Dentist', ...at(1, '09:00', '10:00'), body: { contentType: 'text', content: 'bring card' } },
    { subject: 'INFO101 Lecture: Lecture 2', ...at(3, '09:00', '10:45') },
    {
      subject: 'Study group',
      ...at(4, '13:00', '15:00'),
      singleValueExtendedProperties: [{ id: `String {${MARKER_PROPERTY_SET}} Name somethingElse`, value: 'st-1' }],
    },
    {
      subject: 'Football',
      ...at(6, '18:00', '19:30'),
      singleValueExtendedProperties: [{ id: 'String {00020329-0000-0000-c000-000000000046} Name club', value: 'x' }],
    },
    {
      subject: 'Birthday',
      start: { dateTime: `${day(8)}T00:00:00`, timeZone: 'UTC' },
      end: { dateTime: `${day(9)}T00:00:00`, timeZone: 'UTC' },
      isAllDay: true,
    },
  ];
}

/** A `testSeed` extension: the students as users with mailboxes, members of the sync group, with foreign events. */
export function withStudents(list: readonly Student[], from = new Date()): (seed: Record<string, unknown>) => void {
  const day = (offset: number) => new Date(from.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  return (seed) => {
    const [tenant] = seed.tenants as {
      users: Record<string, unknown>[];
      groups: { id: string; members: string[] }[];
      events: Record<string, unknown[]>;
    }[];
    if (!tenant) throw new Error('test seed without a tenant');
    for (const student of list) {
      tenant.users.push({ id: student.userId, userPrincipalName: student.upn, displayName: student.personId });
      tenant.groups.find((group) => group.id === groupId)?.members.push(student.upn);
      tenant.events[student.upn] = foreignEvents(day);
    }
  };
}
