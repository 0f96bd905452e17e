import { describe, expect, it } from "vitest";
import { render, screen } from "@testing-library/react";
import type { FeedbackResults } from "./queries";
import { Results } from "./Feedback";

const question = { key: "utilite", kind: "rating" as const, label: "Ce forum vous a-t-il été utile ?", texts: [] };

describe("feedback results", () => {
  it("before publication, say when and on what condition, and draw no figure", () => {
    const results: FeedbackResults = {
      published: false,
      enough: false,
      threshold: 5,
      answers_count: null,
      questions: [{ ...question, count: null, mean: null, distribution: null }],
    };
    const { container } = render(<Results results={results} open closesAt="2031-06-20T16:00:00Z" />);
    expect(
      screen.getByText(
        /Les résultats seront publiés à la clôture des avis, le .*2031, s'il y a au moins 5 réponses ; ils ne changeront plus ensuite\./,
      ),
    ).toBeInTheDocument();
    expect(container.querySelector("svg, table")).toBeNull();
    expect(screen.queryByText(/réponse\(s\)/)).toBeNull();
  });

  it("once closed with too few answers, say the results are not published", () => {
    const results: FeedbackResults = {
      published: false,
      enough: false,
      threshold: 5,
      answers_count: null,
      questions: [],
    };
    render(<Results results={results} open={false} closesAt="2026-06-20T16:00:00Z" />);
    expect(screen.getByText(/Les avis sont clos : moins de 5 personnes ont répondu/)).toBeInTheDocument();
  });

  it("once published, draw each rating with its table", () => {
    const results: FeedbackResults = {
      published: true,
      enough: true,
      threshold: 5,
      answers_count: 7,
      questions: [{ ...question, count: 7, mean: 4, distribution: [0, 0, 1, 5, 1] }],
    };
    render(<Results results={results} open={false} closesAt="2018-10-25T16:00:00Z" />);
    expect(screen.getByText(/7 réponse\(s\)/)).toBeInTheDocument();
    expect(
      screen.getByRole("img", { name: /Répartition des notes : Ce forum vous a-t-il été utile/ }),
    ).toBeInTheDocument();
    expect(screen.getByRole("table")).toBeInTheDocument();
  });
});
