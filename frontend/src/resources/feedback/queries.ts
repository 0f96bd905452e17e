// Feedback on forums: query keys and calls, in one place.
import { api, unwrap, type Schemas } from "../../api/client";

export type ForumFeedback = Schemas["ForumFeedback"];
export type FeedbackResults = Schemas["FeedbackResults"];
export type MyFeedback = Schemas["MyFeedback"];
/** One answer: a rating for a `rating` question, or words for a `text` one, never both (the
 *  contract's oneOf; sending the other key as `null` would not match it). */
export type AnswerInput = { key: string; rating: number } | { key: string; text: string };
export type FeedbackRequest = { answers: AnswerInput[] };
export type TextAnswer = Schemas["TextAnswer"];

export const feedbackKeys = {
  all: ["feedback"] as const,
  forum: (forum: string) => ["feedback", "forum", forum] as const,
  mine: (forum: string) => ["feedback", "mine", forum] as const,
  texts: (forum: string) => ["feedback", "texts", forum] as const,
  format: (format: string) => ["feedback", "format", format] as const,
};

const forum = (id: string) => ({ params: { path: { id } } });

export const getForumFeedback = (key: string) => unwrap(api.GET("/api/v1/forums/{id}/feedback", forum(key)));
export const getMyFeedback = (key: string) => unwrap(api.GET("/api/v1/forums/{id}/feedback/me", forum(key)));
export const giveFeedback = (key: string, body: FeedbackRequest) =>
  unwrap(api.POST("/api/v1/forums/{id}/feedback", { ...forum(key), body }));
export const changeFeedback = (key: string, body: FeedbackRequest) =>
  unwrap(api.PUT("/api/v1/forums/{id}/feedback/me", { ...forum(key), body }));
export const getFeedbackTexts = (key: string) => unwrap(api.GET("/api/v1/forums/{id}/feedback/texts", forum(key)));
export const approveText = (id: number) =>
  unwrap(api.PUT("/api/v1/feedback-texts/{id}/approval", { params: { path: { id } } }));
export const withdrawText = (id: number) =>
  unwrap(api.DELETE("/api/v1/feedback-texts/{id}/approval", { params: { path: { id } } }));
export const putFeedbackResponse = (key: string, body: Schemas["ResponseRequest"]) =>
  unwrap(api.PUT("/api/v1/forums/{id}/feedback/response", { ...forum(key), body }));
export const getFormatFeedback = (key: string) => unwrap(api.GET("/api/v1/formats/{id}/feedback", forum(key)));
