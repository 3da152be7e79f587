import type { Clock } from '#shared/ports.ts';
import type { Language } from '#shared/schemas/common.ts';
import { authorizeGroups, type JwtClaims, type StaffIdentity, staffIdentity } from '#shared/staff.ts';
import {
  type ActionResult,
  createHttpHandler,
  type HttpEvent,
  type HttpHandler,
  languageOf,
  type RouteAction,
} from '../commons/http.ts';
import { PARTICIPANT_COOKIE, verifyParticipantCookie } from '../commons/participant-cookie.ts';
import { ROUTES, type Route } from '../routes.ts';

/** What every staff action knows about its request. */
export type StaffContext = {
  staff: StaffIdentity;
  /** The participant cookie this browser carries, if valid: a moderator cannot act on their own contributions. */
  participantId?: string;
  now: Date;
  language: Language;
};

export type StaffAction = (event: HttpEvent, context: StaffContext) => Promise<ActionResult>;

export type StaffPipelineDeps = {
  clock: Clock;
  cookieSecret: () => Promise<Buffer>;
  /** The route list (tests may pass their own); each staff action's groups come from it. */
  routes?: readonly Route[];
};

/** The verified claims API Gateway's JWT authorizer (or the local adapter) put on the event. */
export function claimsOf(event: HttpEvent): JwtClaims | undefined {
  const context = event.requestContext as { authorizer?: { jwt?: { claims?: JwtClaims } } } | undefined;
  return context?.authorizer?.jwt?.claims;
}

/** The participant id of a valid participant cookie, without ever creating one. */
async function participantOf(event: HttpEvent, cookieSecret: () => Promise<Buffer>): Promise<string | undefined> {
  const cookie = event.cookies?.find((c) => c.trim().startsWith(`${PARTICIPANT_COOKIE}=`));
  if (!cookie) return undefined;
  const value = cookie.trim().slice(PARTICIPANT_COOKIE.length + 1);
  return verifyParticipantCookie(value, await cookieSecret());
}

/**
 * The staff pipeline: every staff action runs only for an access token (401 otherwise; in AWS the authorizer has
 * already checked signature, issuer, audience and expiry) of a member of one of its route's groups (403 otherwise).
 * An action without a staff route (no `groups`) is refused at construction, so nothing is served unprotected by
 * mistake. `publicActions` (the sign-in configuration) bypass the check.
 */
export function createStaffHandler(
  deps: StaffPipelineDeps,
  actions: Record<string, StaffAction>,
  publicActions: Record<string, RouteAction> = {},
): HttpHandler {
  const routes = deps.routes ?? ROUTES;
  const wrapped: Record<string, RouteAction> = { ...publicActions };
  for (const [routeKey, action] of Object.entries(actions)) {
    const route = routes.find((r) => `${r.method} ${r.path}` === routeKey);
    const groups = route?.groups;
    if (!route || !groups?.length) throw new Error(`staff action ${routeKey} has no staff route with groups`);
    wrapped[routeKey] = async (event) => {
      const staff = staffIdentity(claimsOf(event));
      authorizeGroups(staff, groups);
      const participantId = await participantOf(event, deps.cookieSecret);
      return action(event, {
        staff,
        ...(participantId ? { participantId } : {}),
        now: deps.clock(),
        language: languageOf(event),
      });
    };
  }
  return createHttpHandler(wrapped);
}
