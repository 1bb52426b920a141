// Microsoft Graph's answers (and broken connections) turned into what an admin should do, for the mailbox the
// request was about. The codes are the ones the design lists as per-person failures, plus throttling and tokens.
import { type GraphError, GraphProtocolError, GraphTransportError } from '../graph/graph-error.ts';
import { type Advice, type AdviceContext, appRegistrationPage } from './advice.ts';

const calendarPermissions = ['calendars.readwrite'];

/** Advice for a failed Graph call, with the code to show next to it. */
export function graphAdvice(
  error: GraphError | GraphTransportError | GraphProtocolError,
  context: AdviceContext,
): Advice & { readonly code: string } {
  if (error instanceof GraphTransportError)
    return { ...transportAdvice(error, context.graphEndpoint), code: error.code };
  if (error instanceof GraphProtocolError) {
    return {
      problem: error.message,
      fix: 'check that microsoft.graphEndpoint is Microsoft Graph (or the emulator), not a proxy page; if it is, report this as a bug with the doctor output',
      code: error.code,
    };
  }
  return { ...graphErrorAdvice(error, context), code: error.graphCode };
}

function graphErrorAdvice(error: GraphError, context: AdviceContext): Advice {
  const mailbox = context.mailbox ?? error.mailbox ?? 'the mailbox';
  const answered = `Microsoft Graph answered ${error.status} ${error.graphCode}: ${error.graphMessage}`;
  const { status, graphCode: code } = error;
  if (status === 401) {
    return {
      problem: `Microsoft Graph refused the access token (${answered})`,
      fix: "the token must be issued for this Graph endpoint by the tenant's own cloud: check that microsoft.cloud (and any graphEndpoint override) matches where the tenant lives, and that this machine's clock is right",
    };
  }
  if (status === 403 && code === 'ErrorAccessDenied') return accessDenied(error, context, mailbox);
  if (status === 404 && code === 'ErrorInvalidUser') {
    return {
      problem: `There is no user ${mailbox} in tenant ${context.tenantId}`,
      fix: "check the spelling: timetable-sync needs the person's user principal name (Entra ID > Users > the user > User principal name), which can differ from their e-mail address; a deleted or renamed account looks the same",
    };
  }
  if (
    (status === 404 || status === 400) &&
    ['MailboxNotEnabledForRESTAPI', 'MailboxNotSupportedForRESTAPI', 'ErrorNonExistentMailbox'].includes(code)
  ) {
    return {
      problem: `${mailbox} exists but has no Exchange Online mailbox (no licence that includes Exchange Online, a mailbox still on premises, or a soft-deleted mailbox)`,
      fix: `assign a licence with Exchange Online to ${mailbox} (Microsoft 365 admin center > Users > Active users > the user > Licenses and apps) and wait until the mailbox exists, or move the mailbox to Exchange Online; until then the sync reports this person as failed and leaves everyone else alone`,
    };
  }
  if (status === 403 && code === 'Authorization_RequestDenied') {
    return {
      problem: `Microsoft Entra refused a directory read by application ${context.clientId} (Insufficient privileges)`,
      fix: `calendars need no directory permission, but reading the members of the people group (people.group) needs the application permission GroupMember.Read.All with admin consent (${appRegistrationPage(context, 'API permissions')})`,
    };
  }
  if (status === 429) {
    const wait = error.retryAfterMs === undefined ? '' : `, asked to wait ${Math.ceil(error.retryAfterMs / 1000)} s`;
    return {
      problem: `Microsoft Graph is throttling application ${context.clientId} for ${mailbox} (${code}${wait})`,
      fix: 'run the doctor again later; a sync running at the same time shares the per-mailbox allowance (4 requests at once, 10,000 per 10 minutes), so this is expected while one runs',
    };
  }
  if (status === 503 || status === 504) {
    return {
      problem: `Microsoft Graph is temporarily unavailable (${status} ${code})`,
      fix: 'run the doctor again in a few minutes; if it lasts, check Service health in the Microsoft 365 admin center',
    };
  }
  return {
    problem: answered,
    fix:
      status >= 500
        ? 'run the doctor again in a few minutes'
        : 'check the request id in the details with Microsoft support if it persists',
  };
}

/** 403 ErrorAccessDenied: an access policy, an RBAC scope, or a missing permission; Graph's wording tells which. */
function accessDenied(error: GraphError, context: AdviceContext, mailbox: string): Advice {
  const appId = context.clientId;
  if (/OData is disabled|AccessPolicy/i.test(error.graphMessage)) {
    return {
      problem: `The Exchange Application Access Policy keeps application ${appId} out of ${mailbox} (${error.graphMessage})`,
      fix: `add ${mailbox} to the mail-enabled security group the policy names; in Exchange Online PowerShell, Test-ApplicationAccessPolicy -Identity ${mailbox} -AppId ${appId} says Granted once it is in (Graph can take an hour or more to follow)`,
    };
  }
  const roles = context.roles;
  if (roles !== undefined && !roles.some((role) => calendarPermissions.includes(role.toLowerCase()))) {
    return {
      problem: `Application ${appId} may not open the calendar of ${mailbox}: its token carries no Calendars.ReadWrite, and no RBAC for Applications role covers this mailbox`,
      fix: `grant Microsoft Graph > Application permissions > Calendars.ReadWrite with admin consent (${appRegistrationPage(context, 'API permissions')}), or in Exchange Online assign the role "Application Calendars.ReadWrite" with a management scope that includes ${mailbox} (Test-ServicePrincipalAuthorization -Identity ${appId} -Resource ${mailbox} shows InScope True)`,
    };
  }
  return {
    problem: `Exchange Online refuses application ${appId} access to ${mailbox} (${error.graphMessage}): the mailbox is outside the app's RBAC for Applications scope or access policy`,
    fix: `with RBAC for Applications, add ${mailbox} to the group the management scope filters on and check Test-ServicePrincipalAuthorization -Identity ${appId} -Resource ${mailbox} (InScope True); with an access policy, Test-ApplicationAccessPolicy -Identity ${mailbox} -AppId ${appId}; changes can take an hour or more to apply`,
  };
}

/** A connection that broke before Graph or Entra answered. */
export function transportAdvice(error: GraphTransportError, endpoint: string): Advice {
  const host = URL.canParse(endpoint) ? new URL(endpoint).host : endpoint;
  switch (error.failure) {
    case 'tls':
      return {
        problem: `The TLS certificate of ${host} is not trusted (${error.message})`,
        fix: `set microsoft.caFile to the CA certificate (PEM) that signed it: the emulator's CA file, or your TLS-inspecting proxy's CA`,
      };
    case 'connect':
      return {
        problem: `Cannot connect to ${host} (${error.message})`,
        fix: `check that this machine reaches ${host} on port 443 (DNS, firewall, outbound proxy); with the emulator, that it is running at that address`,
      };
    case 'timeout':
    case 'reset':
      return {
        problem: `The connection to ${host} broke off (${error.message})`,
        fix: 'run the doctor again; if it keeps happening, check the network path (proxy, firewall idle timeouts)',
      };
  }
}
