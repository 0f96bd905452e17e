import { describe, expect, it } from "vitest";
import {
  formatCalendarDate,
  formatDate,
  formatDateTime,
  formatNumber,
  formatRange,
  isoToParisLocal,
  parisLocalToIso,
} from "./format";

// Intl separates some parts with narrow no-break spaces: compare on plain spaces.
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, " ");

describe("dates in Europe/Paris", () => {
  it("shows a winter instant at Paris time (UTC+1) in French and English", () => {
    expect(plain(formatDateTime("2027-01-21T17:30:00Z", "fr"))).toBe("jeudi 21 janvier 2027 à 18:30");
    expect(plain(formatDateTime("2027-01-21T17:30:00Z", "en"))).toBe("Thursday, 21 January 2027 at 18:30");
  });
  it("shows a summer instant at Paris time (UTC+2)", () => {
    expect(plain(formatDateTime("2026-06-11T12:00:00Z", "fr"))).toBe("jeudi 11 juin 2026 à 14:00");
  });
  it("keeps the Paris date when UTC is still the day before", () => {
    expect(formatDate("2026-12-31T23:30:00Z", "fr")).toBe("1 janvier 2027");
    expect(formatDate("2026-12-31T23:30:00Z", "en")).toBe("1 January 2027");
  });
  it("formats a forum's span", () => {
    const s = plain(formatRange("2027-01-21T17:30:00Z", "2027-01-21T20:00:00Z", "fr"));
    expect(s).toContain("21 janvier 2027");
    expect(s).toContain("18:30");
    expect(s).toContain("21:00");
  });
  it("never shifts a calendar date", () => {
    expect(formatCalendarDate("2018-12-31", "fr")).toBe("31 décembre 2018");
    expect(formatCalendarDate("2018-12-31", "en")).toBe("31 December 2018");
  });
  it("converts Paris wall-clock times to UTC and back, across daylight saving", () => {
    expect(parisLocalToIso("2027-01-21T18:30")).toBe("2027-01-21T17:30:00.000Z");
    expect(parisLocalToIso("2026-06-11T14:00")).toBe("2026-06-11T12:00:00.000Z");
    expect(parisLocalToIso("2026-03-29T03:30")).toBe("2026-03-29T01:30:00.000Z");
    expect(isoToParisLocal("2027-01-21T17:30:00Z")).toBe("2027-01-21T18:30");
    expect(isoToParisLocal("2026-10-25T00:30:00Z")).toBe("2026-10-25T02:30");
  });
});

describe("numbers", () => {
  it("group digits per locale", () => {
    expect(plain(formatNumber(12345, "fr"))).toBe("12 345");
    expect(formatNumber(12345, "en")).toBe("12,345");
  });
});
