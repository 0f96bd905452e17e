import { describe, expect, it } from "vitest";
import type { Account } from "../../api/client";
import { isOrganiser, type ForumOrganisers } from "./organisers";

const account = (id: number, role: Account["role"], institution_id: number | null = null): Account => ({
  id,
  email: `${id}@example.org`,
  display_name: `N${id}`,
  handle: `n${id}`,
  role,
  institution_id,
  created_at: "2026-01-01T00:00:00Z",
  updated_at: "2026-01-01T00:00:00Z",
  locale: "fr",
  email_verified: true,
  two_factor: false,
});
const organisers: ForumOrganisers = {
  people: [{ id: 7, display_name: "Nommée", organisation: null, added_at: "2026-01-01T00:00:00Z" }],
  institutions: [{ id: 3, slug: "dinum", name: "DINUM", kind: "ministry" }],
};

describe("isOrganiser", () => {
  it("follows the server's rule: admins, people on the list, officials of the forum's institutions", () => {
    expect(isOrganiser(null, organisers)).toBe(false);
    expect(isOrganiser(account(1, "admin"), undefined)).toBe(true);
    expect(isOrganiser(account(7, "member"), organisers)).toBe(true);
    expect(isOrganiser(account(8, "official", 3), organisers)).toBe(true);
    // An official of another institution, a member of that one, a moderator: no.
    expect(isOrganiser(account(9, "official", 4), organisers)).toBe(false);
    expect(isOrganiser(account(10, "member", 3), organisers)).toBe(false);
    expect(isOrganiser(account(11, "moderator"), organisers)).toBe(false);
    expect(isOrganiser(account(8, "official", 3), undefined)).toBe(false);
  });
});
