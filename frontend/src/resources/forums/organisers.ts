// A forum's organisers (who reads its attendee list and checks people in): query keys and calls.
import { api, unwrap, type Account, type Schemas } from "../../api/client";

export type ForumOrganisers = Schemas["ForumOrganisers"];
export type Organiser = Schemas["Organiser"];

export const organiserKeys = {
  all: ["organisers"] as const,
  forum: (forum: string) => ["organisers", "forum", forum] as const,
};

const path = (forum: string, user: number) => ({ params: { path: { id: forum, user } } });

export const getOrganisers = (forum: string) =>
  unwrap(api.GET("/api/v1/forums/{id}/organisers", { params: { path: { id: forum } } }));
/** Names an account organiser (admins); answers the forum's organisers as they now are. */
export const addOrganiser = (forum: string, user: number) =>
  unwrap(api.PUT("/api/v1/forums/{id}/organisers/{user}", path(forum, user)));
export const removeOrganiser = (forum: string, user: number) =>
  unwrap(api.DELETE("/api/v1/forums/{id}/organisers/{user}", path(forum, user)));

/** Whether `user` organises the forum, by the server's rule (which decides: this only chooses
 *  what to show): admins; the people on its list; officials of the institutions of its
 *  commitments. */
export function isOrganiser(user: Account | null, organisers: ForumOrganisers | undefined): boolean {
  if (!user) return false;
  if (user.role === "admin") return true;
  if (!organisers) return false;
  if (organisers.people.some((p) => p.id === user.id)) return true;
  return (
    user.role === "official" &&
    user.institution_id != null &&
    organisers.institutions.some((i) => i.id === user.institution_id)
  );
}
