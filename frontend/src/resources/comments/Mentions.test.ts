import { describe, expect, it } from "vitest";
import { mentionAt } from "./Mentions";

describe("mentionAt", () => {
  it("finds the name being typed after an @ that starts a word", () => {
    expect(mentionAt("Merci @Cam", 10)).toEqual({ start: 6, query: "Cam" });
    expect(mentionAt("@Camille Mar", 12)).toEqual({ start: 0, query: "Camille Mar" });
    expect(mentionAt("(@Léa", 5)).toEqual({ start: 1, query: "Léa" });
  });

  it("ignores addresses, finished mentions and text after the caret", () => {
    expect(mentionAt("camille@exemple.fr", 18)).toBeNull();
    expect(mentionAt("@Camille Martin a dit que", 25)).toBeNull();
    expect(mentionAt("Merci @Cam et bravo", 10)).toEqual({ start: 6, query: "Cam" });
    expect(mentionAt("Rien ici", 8)).toBeNull();
  });
});
