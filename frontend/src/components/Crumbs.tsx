import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { paths } from "../app/resources";

export function Crumbs({ segments = [], current }: { segments?: { label: string; to: string }[]; current: string }) {
  return (
    <Breadcrumb
      homeLinkProps={{ to: paths.home() }}
      segments={segments.map((s) => ({ label: s.label, linkProps: { to: s.to } }))}
      currentPageLabel={current}
      className="fr-mb-4v"
    />
  );
}
