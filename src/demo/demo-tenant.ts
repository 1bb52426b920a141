// The demo's Microsoft 365 tenant for the emulator: one user per person of the sample timetable (password `demo`),
// and the demo app with its certificate registered and calendar permissions consented.
import type { SampleTimetable } from './sample-timetable.ts';

export const demoTenantId = '6f1c1c52-0d1e-4f5e-9a57-0d6c2c5f4a10';
export const demoClientId = '0b7e1d2c-3a4b-4c5d-8e6f-7a8b9c0d1e2f';
export const demoDomain = 'uni.example';
export const demoPassword = 'demo';

/** The emulator seed (its JSON format), with stable user ids so a kept emulator state stays valid. */
export function demoSeed(timetable: SampleTimetable, certificatePem: string): Record<string, unknown> {
  return {
    tenants: [
      {
        id: demoTenantId,
        domain: demoDomain,
        users: timetable.people.map((person, index) => ({
          id: userId(index),
          userPrincipalName: person.mailbox,
          displayName: person.displayName ?? person.id,
          password: demoPassword,
          mailbox: true,
        })),
        applications: [
          {
            clientId: demoClientId,
            displayName: 'timetable-sync demo',
            certificates: [certificatePem],
            applicationPermissions: ['Calendars.ReadWrite', 'MailboxSettings.ReadWrite'],
            delegatedPermissions: [
              'Calendars.ReadWrite',
              'MailboxSettings.ReadWrite',
              'offline_access',
              'openid',
              'profile',
              'User.Read',
            ],
            redirectUris: ['http://localhost:3000/auth/callback'],
          },
        ],
        events: {
          // Someone's own appointment: the sync must never touch it.
          [timetable.people[0]?.mailbox ?? `s0001@${demoDomain}`]: [
            {
              subject: 'Dentist (my own appointment)',
              start: { dateTime: tomorrowAt(16), timeZone: 'Europe/Amsterdam' },
              end: { dateTime: tomorrowAt(17), timeZone: 'Europe/Amsterdam' },
            },
          ],
        },
      },
    ],
  };
}

function userId(index: number): string {
  const hex = (index + 1).toString(16).padStart(12, '0');
  return `d3a0c0de-0000-4000-8000-${hex}`;
}

function tomorrowAt(hour: number): string {
  const day = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  return `${day}T${String(hour).padStart(2, '0')}:00:00`;
}
