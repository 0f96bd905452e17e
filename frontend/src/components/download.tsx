// Saving a file the app fetched itself (the request carried the person's token, so a plain link
// could not): a button that fetches it, says it is working, and offers it to the browser.
import { useMutation } from "@tanstack/react-query";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { ProblemAlert } from "./QueryState";

/** Offers `blob` to the browser as a download named `filename`. */
export function saveBlob(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A secondary button that fetches a file (`fetchFile`) and saves it; a problem shows below. */
export function DownloadButton({
  fetchFile,
  label,
  pendingLabel,
}: {
  fetchFile: () => Promise<{ blob: Blob; filename: string }>;
  label: string;
  pendingLabel: string;
}) {
  const save = useMutation({
    mutationFn: fetchFile,
    onSuccess: ({ blob, filename }) => saveBlob(blob, filename),
  });
  return (
    <>
      <Button
        priority="secondary"
        iconPosition="left"
        iconId="fr-icon-download-line"
        disabled={save.isPending}
        onClick={() => save.mutate()}
      >
        {save.isPending ? pendingLabel : label}
      </Button>
      {save.isError && <ProblemAlert error={save.error} />}
    </>
  );
}
