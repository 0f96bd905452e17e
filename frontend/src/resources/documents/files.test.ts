import { describe, expect, it } from "vitest";
import { byLevel, byStage, fileSize, fileType, hostOf, isExternal } from "./files";
import { citable } from "./Evidence";
import type { Document } from "./queries";

const doc = (id: number, over: Partial<Document> = {}): Document => ({
  id,
  attached_to: { type: "forum", id: 4, key: "forum-de-suivi" },
  title: `Document ${id}`,
  description: "",
  level: "discovery",
  lang: "fr",
  stage: null,
  link: `https://example.org/${id}`,
  file: null,
  earlier_versions: [],
  created_at: "2027-03-01T10:00:00Z",
  updated_at: "2027-03-01T10:00:00Z",
  ...over,
});

describe("grouping documents", () => {
  it("by level, in the order discovery, intermediate, expert, leaving out empty levels and keeping each level's order", () => {
    const groups = byLevel([
      doc(1, { level: "expert" }),
      doc(2, { level: "discovery" }),
      doc(3, { level: "expert" }),
      doc(4, { level: "discovery" }),
    ]);
    expect(groups.map((g) => [g.level, g.documents.map((d) => d.id)])).toEqual([
      ["discovery", [2, 4]],
      ["expert", [1, 3]],
    ]);
    expect(byLevel([])).toEqual([]);
  });

  it("by a forum's stage: before it (said so, or no stage said), and what came out of it", () => {
    const { before, after } = byStage([
      doc(1, { stage: "after" }),
      doc(2, { stage: "before" }),
      doc(3, { stage: null }),
      doc(4),
    ]);
    expect(before.map((d) => d.id)).toEqual([2, 3, 4]);
    expect(after.map((d) => d.id)).toEqual([1]);
  });
});

describe("a file in words", () => {
  it("names the types the API takes, from the media type its content was found to be", () => {
    expect(fileType("application/pdf")).toBe("pdf");
    expect(fileType("application/vnd.oasis.opendocument.spreadsheet")).toBe("ods");
    expect(fileType("application/vnd.openxmlformats-officedocument.presentationml.presentation")).toBe("pptx");
    expect(fileType("image/png")).toBe("png");
    expect(fileType("text/csv; charset=utf-8")).toBe("csv");
    expect(fileType("text/plain")).toBe("text");
    expect(fileType("application/x-msdownload")).toBeNull();
  });

  it("says a size in octets, Ko or Mo, French style (binary multiples, as the 20 Mo limit)", () => {
    expect(fileSize(512, "fr")).toEqual({ unit: "bytes", value: "512" });
    expect(fileSize(12_595, "fr")).toEqual({ unit: "kb", value: "12,3" });
    expect(fileSize(1024, "fr")).toEqual({ unit: "kb", value: "1" });
    expect(fileSize(1_572_864, "fr")).toEqual({ unit: "mb", value: "1,5" });
    expect(fileSize(20 * 1024 * 1024, "fr")).toEqual({ unit: "mb", value: "20" });
    expect(fileSize(12_595, "en")).toEqual({ unit: "kb", value: "12.3" });
  });

  it("tells a link from an API download path, and names a link's host", () => {
    expect(isExternal("https://www.data.gouv.fr/fr/datasets/x")).toBe(true);
    expect(isExternal("/api/v1/documents/12/versions/2/file")).toBe(false);
    expect(hostOf("https://www.data.gouv.fr/fr/datasets/x")).toBe("www.data.gouv.fr");
    expect(hostOf("not a url")).toBe("not a url");
  });
});

describe("evidence", () => {
  it("offers the milestone's documents then its commitment's, those with something to read only", () => {
    const file = {
      version: 1,
      filename: "bilan.pdf",
      media_type: "application/pdf",
      size_bytes: 1000,
      sha256: "0".repeat(64),
      uploaded_at: "2027-03-01T10:00:00Z",
      download: "/api/v1/documents/3/versions/1/file",
    };
    const options = citable(
      [doc(1), doc(2, { link: null, file: null })],
      [doc(3, { link: null, file }), doc(4, { level: "expert" })],
    );
    expect(options.map((o) => [o.document.id, o.of])).toEqual([
      [1, "milestone"],
      [3, "commitment"],
      [4, "commitment"],
    ]);
  });
});
