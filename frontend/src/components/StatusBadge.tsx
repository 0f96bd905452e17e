import { Badge } from "@codegouvfr/react-dsfr/Badge";
import type { CommitmentStatus, ForumStatus, MilestoneStatus, Schemas } from "../api/client";
import { useI18n } from "../i18n";

type Severity = "success" | "info" | "warning" | "error" | "new" | undefined;

const forumSeverity: Record<ForumStatus, Severity> = {
  planned: "info",
  open: "success",
  held: undefined,
  cancelled: "error",
};
const commitmentSeverity: Record<CommitmentStatus, Severity> = {
  active: "info",
  completed: "success",
  withdrawn: "error",
  unknown: undefined,
};
const milestoneSeverity: Record<MilestoneStatus, Severity> = {
  not_started: undefined,
  in_progress: "info",
  completed: "success",
  delayed: "warning",
  withdrawn: "error",
};

const planSeverity: Record<Schemas["PlanStatus"], Severity> = {
  in_preparation: "new",
  in_implementation: "info",
  completed: "success",
};

export function ForumStatusBadge({ status }: { status: ForumStatus }) {
  const { t } = useI18n();
  return (
    <Badge small severity={forumSeverity[status]} as="span">
      {t(`status.forum.${status}`)}
    </Badge>
  );
}
export function CommitmentStatusBadge({ status }: { status: CommitmentStatus }) {
  const { t } = useI18n();
  return (
    <Badge small severity={commitmentSeverity[status]} as="span">
      {t(`status.commitment.${status}`)}
    </Badge>
  );
}
export function MilestoneStatusBadge({ status }: { status: MilestoneStatus }) {
  const { t } = useI18n();
  return (
    <Badge small severity={milestoneSeverity[status]} as="span">
      {t(`status.milestone.${status}`)}
    </Badge>
  );
}
export function PlanStatusBadge({ status }: { status: Schemas["PlanStatus"] }) {
  const { t } = useI18n();
  return (
    <Badge small severity={planSeverity[status]} as="span">
      {t(`status.plan.${status}`)}
    </Badge>
  );
}
