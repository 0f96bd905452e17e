// The calendar deadlines are counted on: a year's public holidays (computed) and days off admins
// added; admins add and remove the latter here.
import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { addHoliday, getHolidays, holidayKeys, questionKeys, removeHoliday } from "./queries";
import { isAdmin, useSession } from "../../auth/session";
import { Crumbs } from "../../components/Crumbs";
import { DataTable } from "../../components/DataTable";
import { PageHeading } from "../../components/PageHeading";
import { ProblemAlert, QueryState } from "../../components/QueryState";
import { missingFields, useFieldErrors } from "../../components/forms";
import { useI18n } from "../../i18n";
import { paths } from "../../app/resources";

export default function HolidaysPage() {
  const { t, calendarDate } = useI18n();
  const { user } = useSession();
  const [params] = useSearchParams();
  const thisYear = new Date().getFullYear();
  const asked = Number(params.get("annee"));
  const year = Number.isInteger(asked) && asked >= 1900 && asked <= 2199 ? asked : thisYear;
  const qc = useQueryClient();
  const q = useQuery({ queryKey: holidayKeys.year(year), queryFn: () => getHolidays(year) });
  const remove = useMutation({
    mutationFn: removeHoliday,
    onSuccess: () => qc.invalidateQueries({ queryKey: holidayKeys.all }),
  });
  return (
    <>
      <Crumbs segments={[{ label: t("questions.all"), to: paths.questions() }]} current={t("holidays.crumb")} />
      <PageHeading title={t("holidays.title", { year })} />
      <p className="fr-text--lead">
        {q.data ? t("holidays.intro", { days: q.data.deadline_days }) : t("holidays.introShort")}
      </p>
      <p>
        <Link to={paths.holidays(year - 1)}>{t("holidays.previous", { year: year - 1 })}</Link> ·{" "}
        <Link to={paths.holidays(year + 1)}>{t("holidays.next", { year: year + 1 })}</Link>
      </p>
      {remove.isError && <ProblemAlert error={remove.error} />}
      <QueryState query={q}>
        {(data) => (
          <DataTable caption={t("holidays.caption", { year })}>
            <thead>
              <tr>
                <th scope="col">{t("holidays.day")}</th>
                <th scope="col">{t("holidays.label")}</th>
                <th scope="col">{t("holidays.source")}</th>
                {isAdmin(user?.role) && <th scope="col">{t("holidays.actions")}</th>}
              </tr>
            </thead>
            <tbody>
              {data.days.map((d) => (
                <tr key={d.day}>
                  <td>
                    <time dateTime={d.day}>{calendarDate(d.day)}</time>
                  </td>
                  <td>{d.label}</td>
                  <td>
                    {d.source === "added"
                      ? t("holidays.added")
                      : d.from_easter
                        ? t("holidays.easter")
                        : t("holidays.fixed")}
                  </td>
                  {isAdmin(user?.role) && (
                    <td>
                      {d.source === "added" && (
                        <Button
                          size="small"
                          priority="tertiary"
                          onClick={() => remove.mutate(d.day)}
                          nativeButtonProps={{ "aria-label": `${t("holidays.remove")} — ${calendarDate(d.day)}` }}
                        >
                          {t("holidays.remove")}
                        </Button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
      </QueryState>
      {isAdmin(user?.role) && <AddForm />}
    </>
  );
}

function AddForm() {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [f, setF] = useState({ day: "", label: "" });
  const add = useMutation({
    mutationFn: async () => {
      const missing = missingFields(f, t("common.required"), t("common.invalidForm"));
      if (missing) throw missing;
      return addHoliday(f.day, f.label.trim());
    },
    onSuccess: async () => {
      setF({ day: "", label: "" });
      await qc.invalidateQueries({ queryKey: holidayKeys.all });
      await qc.invalidateQueries({ queryKey: questionKeys.all });
    },
  });
  const err = add.isError ? add.error : null;
  // The summary links each field in error (by its label) and takes the focus.
  const fields = useFieldErrors(err);
  return (
    <form
      className="od-box fr-mt-3w"
      aria-labelledby="add-day"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate();
      }}
    >
      <h2 id="add-day" className="fr-h6">
        {t("holidays.add")}
      </h2>
      <p className="fr-text--sm">{t("holidays.addIntro")}</p>
      {err && <ProblemAlert error={err} fieldLinks={fields.links} focus />}
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-4">
          <Input
            label={t("holidays.day")}
            {...fields.state("day", t("holidays.day"))}
            nativeInputProps={{
              ...fields.native("day"),
              type: "date",
              name: "day",
              required: true,
              value: f.day,
              onChange: (e) => setF({ ...f, day: e.target.value }),
            }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-8">
          <Input
            label={t("holidays.label")}
            {...fields.state("label", t("holidays.label"))}
            nativeInputProps={{
              ...fields.native("label"),
              name: "label",
              required: true,
              maxLength: 200,
              value: f.label,
              onChange: (e) => setF({ ...f, label: e.target.value }),
            }}
          />
        </div>
      </div>
      <Button type="submit" disabled={add.isPending}>
        {t("holidays.addSubmit")}
      </Button>
    </form>
  );
}
