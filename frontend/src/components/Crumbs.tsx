import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";

export function Crumbs({ segments = [], current }: { segments?: { label: string; to: string }[]; current: string }) {
  return (
    <Breadcrumb
      homeLinkProps={{ to: "/" }}
      segments={segments.map((s) => ({ label: s.label, linkProps: { to: s.to } }))}
      currentPageLabel={current}
      className="fr-mb-4v"
    />
  );
}
