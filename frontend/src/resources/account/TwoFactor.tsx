// "Double authentification" on the account page: turn on a second factor (the password again,
// then a QR code to scan — with the secret written out for whoever cannot scan —, then the first
// code of the app), keep the recovery codes shown once (listed, downloadable), make new ones,
// turn it off where the role allows. Each step moves the focus to what comes next.
import { useState, type FormEvent } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import qrcode from "qrcode-generator";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import {
  beginTwoFactor,
  confirmTwoFactor,
  getMyTwoFactor,
  newRecoveryCodes,
  turnOffTwoFactor,
  twoFactorKeys,
} from "./queries";
import { useFieldErrors } from "../../components/forms";
import { ProblemAlert, QueryState } from "../../components/QueryState";
import { useAction } from "../../components/actions";
import { useI18n } from "../../i18n";

/** The QR code of an `otpauth://` address, as an SVG image. */
function qrImage(uri: string) {
  const qr = qrcode(0, "M");
  qr.addData(uri);
  qr.make();
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(qr.createSvgTag({ cellSize: 4, margin: 4, scalable: true }))}`;
}

/** The secret in groups of four, as authenticator apps ask it to be typed. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(" ") ?? secret;

export function TwoFactor() {
  const { t, shortDateTime } = useI18n();
  const qc = useQueryClient();
  const status = useQuery({ queryKey: twoFactorKeys.mine, queryFn: getMyTwoFactor });
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [codes, setCodes] = useState<string[] | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: ["me"] });
  const begin = useAction({
    mutationFn: () => beginTwoFactor(password),
    onSuccess: () => setPassword(""),
    focus: "two-factor-scan",
  });
  const confirm = useAction({
    mutationFn: () => confirmTwoFactor(code.trim()),
    onSuccess: async (data) => {
      setCode("");
      setCodes(data.codes);
      begin.reset();
      await refresh();
    },
    done: "profile.twoFactor.turnedOn",
    focus: "two-factor-codes",
  });
  const regenerate = useAction({
    mutationFn: () => newRecoveryCodes(code.trim()),
    onSuccess: async (data) => {
      setCode("");
      setCodes(data.codes);
      await refresh();
    },
    done: "profile.twoFactor.newCodesDone",
    focus: "two-factor-codes",
  });
  const off = useAction({
    mutationFn: () => turnOffTwoFactor(password, code.trim()),
    onSuccess: async () => {
      setCode("");
      setPassword("");
      await refresh();
    },
    done: "profile.twoFactor.turnedOff",
    focus: "two-factor-heading",
  });
  const failed = [begin, confirm, regenerate, off].find((a) => a.isError);
  const fields = useFieldErrors(failed?.error);
  const submit = (action: { mutate: () => void }) => (e: FormEvent) => {
    e.preventDefault();
    action.mutate();
  };
  const codeInput = (id: string) => (
    <Input
      label={t("profile.twoFactor.code")}
      hintText={t("profile.twoFactor.codeHint")}
      {...fields.state("code", t("profile.twoFactor.code"))}
      nativeInputProps={{
        ...fields.native("code"),
        id,
        name: "code",
        autoComplete: "one-time-code",
        inputMode: "numeric",
        required: true,
        value: code,
        onChange: (e) => setCode(e.target.value),
      }}
    />
  );
  const passwordInput = (id: string) => (
    <Input
      label={t("profile.twoFactor.password")}
      {...fields.state("password", t("profile.twoFactor.password"))}
      nativeInputProps={{
        ...fields.native("password"),
        id,
        type: "password",
        name: "password",
        autoComplete: "current-password",
        required: true,
        value: password,
        onChange: (e) => setPassword(e.target.value),
      }}
    />
  );
  return (
    <section aria-labelledby="two-factor-heading" className="od-box fr-mb-4w">
      <h2 id="two-factor-heading" className="fr-h5" tabIndex={-1}>
        {t("profile.twoFactor.title")}
      </h2>
      <p className="fr-text--sm">{t("profile.twoFactor.intro")}</p>
      {failed && <ProblemAlert error={failed.error} fieldLinks={fields.links} focus />}
      <QueryState query={status} loadingLabel={t("profile.twoFactor.loading")}>
        {(s) => (
          <>
            {s.required && !s.enabled && (
              <Alert small severity="warning" className="fr-mb-2w" description={t("profile.twoFactor.required")} />
            )}
            {codes && (
              <div className="fr-mb-3w">
                <h3 id="two-factor-codes" className="fr-h6" tabIndex={-1}>
                  {t("profile.twoFactor.codesTitle")}
                </h3>
                <p className="fr-text--sm">{t("profile.twoFactor.codesIntro")}</p>
                <ul className="od-recovery-codes" aria-label={t("profile.twoFactor.codesTitle")}>
                  {codes.map((c) => (
                    <li key={c}>
                      <code>{c}</code>
                    </li>
                  ))}
                </ul>
                <a
                  className="fr-link fr-icon-download-line fr-link--icon-left fr-mr-3w"
                  download="open-detat-codes-de-secours.txt"
                  href={`data:text/plain;charset=utf-8,${encodeURIComponent(codes.join("\n") + "\n")}`}
                >
                  {t("profile.twoFactor.download")}
                </a>
                <Button size="small" priority="secondary" onClick={() => setCodes(null)}>
                  {t("profile.twoFactor.codesKept")}
                </Button>
              </div>
            )}
            {s.enabled ? (
              <>
                {s.recovery_codes_left <= 3 && !codes && (
                  <Alert
                    small
                    severity="warning"
                    className="fr-mb-2w"
                    description={t("profile.twoFactor.fewCodes", { left: s.recovery_codes_left })}
                  />
                )}
                <p>
                  {t("profile.twoFactor.on", {
                    date: s.enabled_at ? shortDateTime(s.enabled_at) : "",
                    left: s.recovery_codes_left,
                  })}
                </p>
                <form onSubmit={submit(regenerate)} noValidate aria-labelledby="two-factor-new-codes">
                  <h3 id="two-factor-new-codes" className="fr-h6">
                    {t("profile.twoFactor.newCodes")}
                  </h3>
                  {codeInput("two-factor-regenerate-code")}
                  <Button type="submit" priority="secondary" disabled={!code.trim() || regenerate.isPending}>
                    {t("profile.twoFactor.newCodesSubmit")}
                  </Button>
                </form>
                {!s.required && (
                  <form onSubmit={submit(off)} noValidate aria-labelledby="two-factor-off" className="fr-mt-3w">
                    <h3 id="two-factor-off" className="fr-h6">
                      {t("profile.twoFactor.offTitle")}
                    </h3>
                    {passwordInput("two-factor-off-password")}
                    {codeInput("two-factor-off-code")}
                    <Button type="submit" priority="tertiary" disabled={!password || !code.trim() || off.isPending}>
                      {t("profile.twoFactor.offSubmit")}
                    </Button>
                  </form>
                )}
              </>
            ) : begin.data ? (
              <form onSubmit={submit(confirm)} noValidate aria-labelledby="two-factor-scan">
                <h3 id="two-factor-scan" className="fr-h6" tabIndex={-1}>
                  {t("profile.twoFactor.scanTitle")}
                </h3>
                <p className="fr-text--sm">{t("profile.twoFactor.scan")}</p>
                <img
                  src={qrImage(begin.data.otpauth_uri)}
                  alt={t("profile.twoFactor.qrAlt")}
                  width={200}
                  height={200}
                  className="od-qr"
                />
                <p className="fr-text--sm">
                  {t("profile.twoFactor.typeSecret")}{" "}
                  <code data-testid="two-factor-secret">{grouped(begin.data.secret)}</code>
                </p>
                {codeInput("two-factor-confirm-code")}
                <Button type="submit" disabled={!code.trim() || confirm.isPending}>
                  {t("profile.twoFactor.confirm")}
                </Button>
              </form>
            ) : (
              <form onSubmit={submit(begin)} noValidate aria-labelledby="two-factor-heading">
                <p>{t("profile.twoFactor.off")}</p>
                {passwordInput("two-factor-password")}
                <Button type="submit" disabled={!password || begin.isPending}>
                  {t("profile.twoFactor.begin")}
                </Button>
              </form>
            )}
          </>
        )}
      </QueryState>
    </section>
  );
}
