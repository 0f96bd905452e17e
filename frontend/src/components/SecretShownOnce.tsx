// A secret the server shows once (an API token, a webhook's signing secret): said in a success
// alert, focusable by its id (the action moves the focus there), with a button that copies it.
import { useState } from "react";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";

export function SecretShownOnce(props: {
  id: string;
  secret: string;
  title: string;
  body: string;
  copy: string;
  copied: string;
}) {
  const [copied, setCopied] = useState(false);
  return (
    <Alert
      severity="success"
      className="fr-mb-3w"
      title={props.title}
      description={
        <>
          <span className="fr-text--sm">{props.body}</span>
          <code className="od-token" id={props.id} tabIndex={-1}>
            {props.secret}
          </code>
          <Button
            size="small"
            priority="secondary"
            iconId="fr-icon-clipboard-line"
            iconPosition="left"
            onClick={() =>
              void navigator.clipboard?.writeText(props.secret).then(
                () => setCopied(true),
                () => setCopied(false),
              )
            }
          >
            {props.copy}
          </Button>
          <span role="status" className="fr-ml-2w">
            {copied ? props.copied : ""}
          </span>
        </>
      }
    />
  );
}
