import { describe, expect, it } from "vitest";
import { fr as main, loadEnglish, type Messages } from "./catalogues";
import { fr as adminArea } from "../admin/i18n/fr";
import { fr as accessibility } from "../resources/accessibility/i18n/fr";
import { fr as search } from "../resources/search/i18n/fr";
import { fr as feed } from "../components/i18n/feed.fr";
import { fr as eventNames } from "../components/i18n/events.fr";
import { fr as moderationQueue } from "../resources/moderation/i18n/queue.fr";
import { fr as sessionExpiry } from "../auth/i18n/expiry.fr";
import { fr as openDataPage } from "../resources/openData/i18n/page.fr";
import { fr as tokens } from "../resources/tokens/i18n/fr";
import { fr as webhooks } from "../resources/webhooks/i18n/fr";
import { fr as developers } from "../resources/developers/i18n/page.fr";
import { fr as accountPages } from "../resources/account/i18n/pages.fr";
import { fr as privacyPage } from "../resources/privacy/i18n/page.fr";
import { fr as coCreation } from "../resources/coCreation/i18n/fr";
import { fr as commitmentOrigin } from "../resources/coCreation/i18n/origin.fr";
import { fr as registrations } from "../resources/registrations/i18n/fr";
import { fr as feedback } from "../resources/feedback/i18n/fr";
import { fr as stakeholderPages } from "../resources/stakeholderForum/i18n/page.fr";
import { fr as documents } from "../resources/documents/i18n/fr";
import { fr as stale } from "../resources/commitments/i18n/stale.fr";
import { interpolate, loadCatalogue, translate } from "./index";

// The whole French catalogue: the main bundle's and the chunks' own.
const fr = {
  ...main,
  ...adminArea,
  ...accessibility,
  ...search,
  ...feed,
  ...eventNames,
  ...moderationQueue,
  ...sessionExpiry,
  ...openDataPage,
  ...tokens,
  ...webhooks,
  ...developers,
  ...accountPages,
  ...privacyPage,
  ...coCreation,
  ...commitmentOrigin,
  ...registrations,
  ...feedback,
  ...stakeholderPages,
  ...documents,
  ...stale,
} as Messages;
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

const en = await loadEnglish();

describe("catalogues", () => {
  it("have the same keys in French and English", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
  });
  it("have no empty message", () => {
    for (const [key, value] of [...Object.entries(fr), ...Object.entries(en)]) {
      expect(value.trim(), key).not.toBe("");
    }
  });
  it("use the same placeholders in both languages", () => {
    for (const key of Object.keys(fr) as (keyof typeof fr)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(fr[key]));
    }
  });
  it("are really translated (most English messages differ from the French ones)", () => {
    const same = (Object.keys(fr) as (keyof typeof fr)[]).filter((k) => fr[k] === en[k]);
    expect(same.length / Object.keys(fr).length).toBeLessThan(0.1);
  });
});

describe("translate", () => {
  it("fills placeholders", async () => {
    await loadCatalogue("en");
    expect(translate("fr", "milestone.title", { code: "12.1" })).toBe("Jalon 12.1");
    expect(translate("en", "milestone.title", { code: "12.1" })).toBe("Milestone 12.1");
  });
  it("leaves unknown placeholders visible", () => {
    expect(interpolate("{a} {b}", { a: 1 })).toBe("1 {b}");
  });
});
