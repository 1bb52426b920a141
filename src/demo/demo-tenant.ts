// The demo's Microsoft 365 tenant for the emulator: one user per person of the sample timetable (password `demo`),
// and the demo app with its certificate registered and calendar permissions consented.
import type { SampleTimetable } from './sample-timetable.ts';

export const demoTenantId = '6f1c1c52-0d1e-4f5e-9a57-0d6c2c5f4a10';
export const demoClientId = '0b7e1d2c-3a4b-4c5d-8e6f-7a8b9c0d1e2f';
export const demoDomain = 'uni.example';
export const demoPassword = 'demo';
/** The dashboard's admin: a user of the tenant, not a person of the timetable (so it has no calendar of its own). */
export const demoAdmin = `admin@${demoDomain}`;
/** The dashboard's port when none is asked for: the redirect URI that is always registered. */
export const demoWebPort = 3000;

/**
 * The emulator seed (its JSON format), with stable user ids so a kept emulator state stays valid. `webPort`: the
 * dashboard's port, whose sign-in redirect URI is registered too.
 */
export function demoSeed(
  timetable: SampleTimetable,
  certificatePem: string,
  options: { readonly webPort?: number } = {},
): Record<string, unknown> {
  const redirectUris = [...new Set([demoWebPort, options.webPort ?? demoWebPort])].map(
    (port) => `http://localhost:${port}/auth/callback`,
  );
  return {
    tenants: [
      {
        id: demoTenantId,
        domain: demoDomain,
        users: [
          ...timetable.people.map((person, index) => ({
            id: userId(index),
            userPrincipalName: person.mailbox,
            displayName: person.displayName ?? person.id,
            password: demoPassword,
            mailbox: true,
          })),
          // Last, with an id of its own: the people's ids stay what they were.
          {
            id: adminUserId,
            userPrincipalName: demoAdmin,
            displayName: 'Timetable admin',
            password: demoPassword,
            mailbox: false,
          },
        ],
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
            redirectUris,
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

const adminUserId = 'd3a0c0de-0000-4000-8000-adadadadadad';

function userId(index: number): string {
  const hex = (index + 1).toString(16).padStart(12, '0');
  return `d3a0c0de-0000-4000-8000-${hex}`;
}

function tomorrowAt(hour: number): string {
  const day = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  return `${day}T${String(hour).padStart(2, '0')}:00:00`;
}
