// My account: details, profile edit (display name, organisation), password change, sign out.
import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import type { Account } from "../../api/client";
import { useSession } from "../../auth/session";
import { signIn as signInWith, updateMe } from "./queries";
import { Crumbs } from "../../components/Crumbs";
import { UnverifiedNotice } from "./UnverifiedNotice";
import { MyRegistrations } from "../registrations/Registrations";
import { MailPreferenceForm } from "../notifications/MailPreferenceForm";
import { MyTokens } from "../tokens/MyTokens";
import { MyData } from "./MyData";
import { EraseAccount } from "./EraseAccount";
import { MySessions } from "./MySessions";
import { TwoFactor } from "./TwoFactor";
import { LinkedIdentities } from "./LinkedIdentities";
import { useFieldErrors } from "../../components/forms";
import { PageHeading } from "../../components/PageHeading";
import { ProblemAlert } from "../../components/QueryState";
import { SignInRequired } from "../../components/SignInRequired";
import { useI18n } from "../../i18n";
import { useAction } from "../../components/actions";
import { paths } from "../../app/resources";
import "./pageMessages";

export default function ProfilePage() {
  const { t, date } = useI18n();
  const { user, signOut } = useSession();
  const navigate = useNavigate();
  if (!user) return <SignInRequired />;
  return (
    <>
      <Crumbs current={t("profile.title")} />
      <PageHeading title={t("profile.title")} />
      <UnverifiedNotice />
      <section aria-labelledby="profile-details" className="od-box fr-mb-4w">
        <h2 id="profile-details" className="fr-h5">
          {t("profile.details")}
        </h2>
        <dl className="od-dl od-dl--grid">
          <dt>{t("profile.displayName")}</dt>
          <dd>{user.display_name}</dd>
          <dt>{t("profile.handle")}</dt>
          <dd>@{user.handle}</dd>
          <dt>{t("profile.email")}</dt>
          <dd>{user.email}</dd>
          {user.organisation && (
            <>
              <dt>{t("profile.organisation")}</dt>
              <dd>{user.organisation}</dd>
            </>
          )}
          <dt>{t("profile.role")}</dt>
          <dd>{t(`role.${user.role}`)}</dd>
          <dt>{t("profile.memberSince")}</dt>
          <dd>{date(user.created_at)}</dd>
        </dl>
      </section>
      <MyRegistrations />
      <MailPreferenceForm verified={user.email_verified} />
      <TwoFactor />
      <LinkedIdentities />
      <MySessions />
      <MyTokens role={user.role} />
      <MyData />
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <ProfileForm user={user} />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <PasswordForm />
        </div>
      </div>
      <Button
        className="fr-mt-4w"
        priority="secondary"
        iconPosition="left"
        iconId="fr-icon-logout-box-r-line"
        onClick={() => {
          signOut();
          void navigate(paths.home());
        }}
      >
        {t("profile.signOut")}
      </Button>
      <div className="fr-mt-6w">
        <EraseAccount />
      </div>
    </>
  );
}

function ProfileForm({ user }: { user: Account }) {
  const { t } = useI18n();
  const { updateUser } = useSession();
  const [displayName, setDisplayName] = useState(user.display_name);
  const [organisation, setOrganisation] = useState(user.organisation ?? "");
  const [handle, setHandle] = useState(user.handle);
  // Said in the status region; the focus goes back to the form's heading (the button is disabled
  // while saving) and the saved message shows under it.
  const save = useAction({
    mutationFn: () =>
      updateMe({
        display_name: displayName.trim(),
        organisation: organisation.trim() || null,
        // Sent only when changed: a change waits 30 days after the previous one.
        ...(handle.trim() !== user.handle ? { handle: handle.trim().toLowerCase() } : {}),
      }),
    onSuccess: (account) => updateUser(account),
    done: "common.saved",
    focus: "profile-edit",
  });
  const fields = useFieldErrors(save.error);
  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate();
  }
  return (
    <form onSubmit={submit} aria-labelledby="profile-edit" noValidate>
      <h2 id="profile-edit" className="fr-h4">
        {t("profile.edit")}
      </h2>
      {save.isError && <ProblemAlert error={save.error} fieldLinks={fields.links} focus />}
      {save.isSuccess && (
        <Alert small severity="success" className="fr-mb-2w" description={t("common.saved")} role={undefined} />
      )}
      <Input
        label={t("profile.displayName")}
        {...fields.state("display_name", t("profile.displayName"))}
        nativeInputProps={{
          ...fields.native("display_name"),
          autoComplete: "name",
          name: "display_name",
          required: true,
          maxLength: 100,
          value: displayName,
          onChange: (e) => setDisplayName(e.target.value),
        }}
      />
      <Input
        label={t("profile.handle")}
        hintText={t("profile.handleHint")}
        {...fields.state("handle", t("profile.handle"))}
        nativeInputProps={{
          ...fields.native("handle"),
          name: "handle",
          autoComplete: "username",
          required: true,
          maxLength: 30,
          spellCheck: false,
          value: handle,
          onChange: (e) => setHandle(e.target.value),
        }}
      />
      <Input
        label={t("common.optional", { label: t("profile.organisation") })}
        {...fields.state("organisation", t("profile.organisation"))}
        nativeInputProps={{
          ...fields.native("organisation"),
          autoComplete: "organization",
          name: "organisation",
          maxLength: 200,
          value: organisation,
          onChange: (e) => setOrganisation(e.target.value),
        }}
      />
      <Button type="submit" disabled={save.isPending}>
        {save.isPending ? t("common.saving") : t("common.save")}
      </Button>
    </form>
  );
}

function PasswordForm() {
  const { t } = useI18n();
  const { signIn } = useSession();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const save = useAction({
    mutationFn: async () => {
      const account = await updateMe({ current_password: current, new_password: next });
      // A new password ends every session, this one included: sign in again with it.
      return signInWith(account.email, next);
    },
    onSuccess: (session) => {
      signIn(session);
      setCurrent("");
      setNext("");
    },
    done: "profile.passwordSaved",
    focus: "profile-password",
  });
  const fields = useFieldErrors(save.error);
  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate();
  }
  return (
    <form onSubmit={submit} aria-labelledby="profile-password" noValidate>
      <h2 id="profile-password" className="fr-h4">
        {t("profile.password")}
      </h2>
      {/* Both fields are required: said before the form is sent (RGAA 11.10). */}
      <p className="fr-text--sm">{t("common.requiredHint")}</p>
      {save.isError && <ProblemAlert error={save.error} fieldLinks={fields.links} focus />}
      {save.isSuccess && (
        <Alert
          small
          severity="success"
          className="fr-mb-2w"
          description={t("profile.passwordSaved")}
          role={undefined}
        />
      )}
      <Input
        label={t("profile.currentPassword")}
        {...fields.state("current_password", t("profile.currentPassword"))}
        nativeInputProps={{
          ...fields.native("current_password"),
          type: "password",
          name: "current_password",
          autoComplete: "current-password",
          required: true,
          value: current,
          onChange: (e) => setCurrent(e.target.value),
        }}
      />
      <Input
        label={t("profile.newPassword")}
        hintText={t("signUp.passwordHint")}
        {...fields.state("new_password", t("profile.newPassword"))}
        nativeInputProps={{
          ...fields.native("new_password"),
          type: "password",
          name: "new_password",
          autoComplete: "new-password",
          required: true,
          minLength: 12,
          maxLength: 128,
          value: next,
          onChange: (e) => setNext(e.target.value),
        }}
      />
      <Button type="submit" disabled={save.isPending || !current || !next}>
        {save.isPending ? t("common.saving") : t("profile.savePassword")}
      </Button>
    </form>
  );
}
