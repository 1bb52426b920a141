// Which MyTimetable user a person is: the `requestedAuth` header an elevated token impersonates. Institutions log
// in to MyTimetable with the part of the UPN before `@`, the whole UPN, or a name of their own (the people file's
// `username` column); some need a domain prefix (`UNI\jdoe`) or a suffix (`jdoe@uni.example`).
import type { Person } from '../../model/person.ts';

export type UsernameMode = 'upn-local-part' | 'upn' | 'column';

export interface UsernameRule {
  readonly mode: UsernameMode;
  readonly prefix: string;
  readonly suffix: string;
}

/** A person from the roster: the people file may give their MyTimetable username. */
export type PersonWithUsername = Person & { readonly username?: string | null };

export type UsernameResult =
  | { readonly ok: true; readonly username: string }
  | { readonly ok: false; readonly reason: string };

export function myTimetableUsername(person: PersonWithUsername, rule: UsernameRule): UsernameResult {
  const base = baseUsername(person, rule.mode);
  return base.ok ? { ok: true, username: `${rule.prefix}${base.username}${rule.suffix}` } : base;
}

function baseUsername(person: PersonWithUsername, mode: UsernameMode): UsernameResult {
  const mailbox = person.mailbox.trim();
  switch (mode) {
    case 'upn': {
      if (!mailbox.includes('@')) return notUpn(person);
      return { ok: true, username: mailbox };
    }
    case 'upn-local-part': {
      const at = mailbox.lastIndexOf('@');
      if (at <= 0) return notUpn(person);
      return { ok: true, username: mailbox.slice(0, at) };
    }
    case 'column': {
      const username = person.username?.trim() ?? '';
      if (username === '') {
        return {
          ok: false,
          reason: `person ${person.id} has no username in the people list (source.username: column needs one)`,
        };
      }
      return { ok: true, username };
    }
  }
}

function notUpn(person: Person): UsernameResult {
  return {
    ok: false,
    reason: `the mailbox of person ${person.id} (${person.mailbox}) is not a user principal name like jdoe@uni.example; use source.username: column with a username per person`,
  };
}
