// The multi-stakeholder forum: its members (by side and term), its cadence, the forums marked as
// its meetings, and one's consent to have one's organisation named among those present. Query
// keys and calls, in one place.
import { api, unwrap, type Schemas } from "../../api/client";
import { ApiError } from "../../api/errors";

export type StakeholderForum = Schemas["StakeholderForum"];
export type Member = Schemas["Member"];
export type MemberCategory = Schemas["MemberCategory"];
export type NewMember = Schemas["NewMember"];
export type MemberChanges = Schemas["MemberChanges"];
export type Cadence = Schemas["Cadence"];
export type Meeting = Schemas["Meeting"];
export type OrganisationConsent = Schemas["OrganisationConsent"];

/** The two sides, in the order the pages show them. */
export const CATEGORIES: MemberCategory[] = ["administration", "civil_society"];

/** One key tree: a write refreshes the forum, its members, its meetings and the consents alike. */
export const stakeholderForumKeys = {
  all: ["stakeholder-forum"] as const,
  forum: ["stakeholder-forum", "forum"] as const,
  members: ["stakeholder-forum", "members"] as const,
  meeting: (forum: string) => ["stakeholder-forum", "meeting", forum] as const,
  consent: (forum: string) => ["stakeholder-forum", "consent", forum] as const,
};

const forumPath = (forum: string) => ({ params: { path: { id: forum } } });
const memberPath = (id: number) => ({ params: { path: { id } } });

export const getStakeholderForum = () => unwrap(api.GET("/api/v1/stakeholder-forum"));
export const listMembers = () => unwrap(api.GET("/api/v1/stakeholder-forum/members"));

/** One member, from the list of them all (the API has no page of its own for one). */
export async function getMember(id: string): Promise<Member> {
  const found = (await listMembers()).find((m) => String(m.id) === id);
  if (!found) throw new ApiError({ status: 404, code: "not_found" });
  return found;
}
export const addMember = (body: NewMember) => unwrap(api.POST("/api/v1/stakeholder-forum/members", { body }));
export const updateMember = (id: number, body: MemberChanges) =>
  unwrap(api.PATCH("/api/v1/stakeholder-forum/members/{id}", { ...memberPath(id), body }));
export const removeMember = (id: number) =>
  unwrap(api.DELETE("/api/v1/stakeholder-forum/members/{id}", memberPath(id)));

/** The forum as a meeting of the multi-stakeholder forum, or `null` when it is not one (the API's 404). */
export async function getMeeting(forum: string): Promise<Meeting | null> {
  try {
    return await unwrap(api.GET("/api/v1/forums/{id}/stakeholder-meeting", forumPath(forum)));
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
}
export const markMeeting = (forum: string) =>
  unwrap(api.PUT("/api/v1/forums/{id}/stakeholder-meeting", forumPath(forum)));
export const unmarkMeeting = (forum: string) =>
  unwrap(api.DELETE("/api/v1/forums/{id}/stakeholder-meeting", forumPath(forum)));

export const getConsent = (forum: string) =>
  unwrap(api.GET("/api/v1/forums/{id}/organisation-consent", forumPath(forum)));
export const giveConsent = (forum: string) =>
  unwrap(api.PUT("/api/v1/forums/{id}/organisation-consent", forumPath(forum)));
export const withdrawConsent = (forum: string) =>
  unwrap(api.DELETE("/api/v1/forums/{id}/organisation-consent", forumPath(forum)));
