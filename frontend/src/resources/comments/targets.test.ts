import { describe, expect, it } from "vitest";
import { plainExcerpt, targetPath } from "./targets";

describe("targetPath", () => {
  it("maps each kind of discussion target to its page", () => {
    expect(targetPath("forum", "2027-01-espace-de-dialogue-en-ligne")).toBe(
      "/forums/2027-01-espace-de-dialogue-en-ligne",
    );
    expect(targetPath("commitment", "FR0041")).toBe("/engagements/FR0041");
    expect(targetPath("milestone", 12)).toBe("/jalons/12");
    expect(targetPath("forum", "a/b")).toBe("/forums/a%2Fb");
  });
});

describe("plainExcerpt", () => {
  it("drops markdown markers and keeps link texts", () => {
    expect(plainExcerpt("Un **point** _important_ : [la page](https://example.org/a_b) `code`\n\n> cité")).toBe(
      "Un point important : la page code cité",
    );
  });
  it("shortens long texts with an ellipsis", () => {
    const text = plainExcerpt("mot ".repeat(100), 20);
    expect(text.length).toBeLessThanOrEqual(20);
    expect(text.endsWith("…")).toBe(true);
  });
});
