// Whose calendar a request is about: `/users/{upn or id}` with application permissions, `/me` with a user's own
// (delegated) token. Every request builder takes one, so both modes share the same code.

export interface MailboxRef {
  /** The path prefix below the version root: `/users/s1%40uni.example` or `/me`. */
  readonly path: string;
  /** How errors and logs name the mailbox (the UPN or object id). */
  readonly label: string;
}

/** Application permissions: the mailbox by user principal name or Entra object id. */
export function userMailbox(upnOrId: string): MailboxRef {
  return { path: `/users/${encodeURIComponent(upnOrId)}`, label: upnOrId };
}

/** Delegated permissions: the signed-in user's own mailbox; `label` names them in errors. */
export function signedInMailbox(label: string): MailboxRef {
  return { path: '/me', label };
}
