import { describe, expect, it } from "vitest";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { MemoryRouter, Route, Routes } from "react-router";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { ApiError } from "../../api/errors";
import type { NewCycle } from "../../resources/cycles/queries";
import { AdminFormShell } from "./AdminFormShell";
import { requiredBy, useAdminForm } from "./useAdminForm";

const REQUIRED = requiredBy<NewCycle>()("title", "starts_on", "ends_on");

/** A cycle form whose API refuses the title's length, with the rule's parameters. */
function Form({ saves }: { saves: string[] }) {
  const form = useAdminForm({
    initial: { title: "", starts_on: "2027-01-01", ends_on: "" },
    required: REQUIRED,
    save: (f) => {
      saves.push(f.title);
      return Promise.reject(
        new ApiError({
          status: 422,
          code: "validation_failed",
          errors: [{ field: "title", code: "length", message: "length", params: { min: 3, max: 200 } as never }],
        }),
      );
    },
    invalidate: [["cycles"]],
    then: () => "/saved",
  });
  return (
    <AdminFormShell title="Cycle" error={form.error} links={form.links} saving={form.saving} onSubmit={form.submit}>
      <Input {...form.input("title", "Intitulé")} />
      <Input {...form.input("starts_on", "Début", { type: "date" })} />
      <Input {...form.input("ends_on", "Fin", { type: "date" })} />
    </AdminFormShell>
  );
}

function renderForm(saves: string[]) {
  const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={["/admin/cycles/nouveau"]}>
        <Routes>
          <Route path="*" element={<Form saves={saves} />} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

describe("useAdminForm", () => {
  it("checks the fields the contract requires before asking, and links each error from the summary", async () => {
    const saves: string[] = [];
    renderForm(saves);
    fireEvent.click(screen.getByRole("button", { name: "Enregistrer" }));
    const alert = await screen.findByRole("alert");
    expect(saves).toEqual([]);
    expect(screen.getByLabelText("Intitulé")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByLabelText("Fin")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByLabelText("Début")).not.toHaveAttribute("aria-invalid");
    const link = screen.getByRole("link", { name: "Intitulé" });
    expect(link).toHaveAttribute("href", `#${screen.getByLabelText("Intitulé").id}`);
    expect(alert).toHaveTextContent("Fin");
  });
  it("shows the API's field errors next to their field, worded from the rule's parameters", async () => {
    const saves: string[] = [];
    renderForm(saves);
    fireEvent.change(screen.getByLabelText("Intitulé"), { target: { value: "ab" } });
    fireEvent.change(screen.getByLabelText("Fin"), { target: { value: "2027-02-01" } });
    fireEvent.click(screen.getByRole("button", { name: "Enregistrer" }));
    await waitFor(() => expect(saves).toEqual(["ab"]));
    expect(await screen.findAllByText("Saisissez entre 3 et 200 caractères.")).not.toHaveLength(0);
    expect(screen.getByLabelText("Intitulé")).toHaveAttribute("aria-invalid", "true");
  });
});
