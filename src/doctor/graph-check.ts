// One Graph call as a doctor check: success is a PASS with what was found; a Graph failure is a FAIL with the advice
// for its code, and throttling or an outage a WARN (the check could not be made, which says nothing about the setup).
import { AuthError } from '../auth/auth-error.ts';
import { failureClassOf } from '../graph/classify-failure.ts';
import { GraphError, GraphProtocolError, GraphTransportError } from '../graph/graph-error.ts';
import { aadstsAdvice } from './aadsts-advice.ts';
import type { AdviceContext } from './advice.ts';
import { type CheckResult, failed, passed, warned } from './check-result.ts';
import { graphAdvice } from './graph-advice.ts';

/** Runs `body`, which returns the PASS summary. */
export async function graphCheck(
  check: string,
  title: string,
  context: AdviceContext,
  body: () => Promise<string>,
): Promise<CheckResult> {
  try {
    return passed(check, title, await body());
  } catch (error) {
    return graphFailureResult(check, title, error, context);
  }
}

export function graphFailureResult(check: string, title: string, error: unknown, context: AdviceContext): CheckResult {
  // The token is renewed on demand, so a sign-in can also fail here.
  if (error instanceof AuthError) {
    const advice = aadstsAdvice(error.aadsts, context, error.message);
    return failed(check, title, advice.problem, {
      code: error.aadsts ?? error.code,
      fix: advice.fix,
      details: [error.message],
    });
  }
  if (!(error instanceof GraphError || error instanceof GraphTransportError || error instanceof GraphProtocolError)) {
    throw error;
  }
  const advice = graphAdvice(error, context);
  const kind = failureClassOf(error)?.kind;
  const details = error instanceof GraphError ? [error.message] : undefined;
  if (kind === 'throttled' || kind === 'server') {
    return warned(check, title, `not checked: ${advice.problem}`, { code: advice.code, fix: advice.fix, details });
  }
  return failed(check, title, advice.problem, { code: advice.code, fix: advice.fix, details });
}
