// Questions to institutions, their records and the holiday calendar: query keys and calls.
import { api, unwrap, type Schemas } from "../../api/client";
import { wholeList, type QueryOf } from "../../api/lists";

export type Question = Schemas["AskedQuestion"];
export type QuestionStatus = Schemas["QuestionStatus"];
export type QuestionQuery = QueryOf<"list_questions">;
export type InstitutionRecord = Schemas["InstitutionRecord"];
export type HolidayYear = Schemas["HolidayYear"];
export type NewQuestion = Schemas["NewQuestionRequest"];

/** What a question can be about, and the route that asks it. */
export type AskAbout = { kind: "commitment" | "milestone" | "action_item"; key: string };

export const questionKeys = {
  all: ["questions"] as const,
  list: (filters: object) => ["questions", "list", filters] as const,
  one: (id: number) => ["questions", "one", id] as const,
  record: (key: string) => ["questions", "record", key] as const,
  records: ["questions", "records"] as const,
};

export const holidayKeys = {
  all: ["holidays"] as const,
  year: (year: number) => ["holidays", "year", year] as const,
};

export const listQuestions = (query: QuestionQuery) => unwrap(api.GET("/api/v1/questions", { params: { query } }));
export const getQuestion = (id: number) => unwrap(api.GET("/api/v1/questions/{id}", { params: { path: { id } } }));
export function askQuestion(about: AskAbout, body: NewQuestion) {
  const path = { params: { path: { id: about.key } }, body };
  switch (about.kind) {
    case "commitment":
      return unwrap(api.POST("/api/v1/commitments/{id}/questions", path));
    case "milestone":
      return unwrap(api.POST("/api/v1/milestones/{id}/questions", path));
    case "action_item":
      return unwrap(api.POST("/api/v1/action-items/{id}/questions", path));
  }
}
export const answerQuestion = (id: number, body: string) =>
  unwrap(api.POST("/api/v1/questions/{id}/answers", { params: { path: { id } }, body: { body } }));
export const rejectAnswer = (id: number, answer: number, note: string) =>
  unwrap(
    api.POST("/api/v1/questions/{id}/answers/{answer}/rejection", {
      params: { path: { id, answer } },
      body: { note: note.trim() || null },
    }),
  );
export const getRecord = (key: string) =>
  unwrap(api.GET("/api/v1/institutions/{id}/record", { params: { path: { id: key } } }));
/** Every institution's record (all pages). */
export const listRecords = () =>
  wholeList((cursor) => unwrap(api.GET("/api/v1/institution-records", { params: { query: { limit: 100, cursor } } })));
/** Every question matching `query` (all pages), for the sections that show them whole. */
export const allQuestions = (query: QuestionQuery) => wholeList((cursor) => listQuestions({ ...query, cursor }));
export const getHolidays = (year: number) => unwrap(api.GET("/api/v1/holidays", { params: { query: { year } } }));
export const addHoliday = (day: string, label: string) =>
  unwrap(api.POST("/api/v1/holidays", { body: { day, label } }));
export const removeHoliday = (day: string) =>
  unwrap(api.DELETE("/api/v1/holidays/{day}", { params: { path: { day } } }));
