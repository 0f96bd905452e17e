// HTML the API has already rendered from markdown and sanitised (ammonia, server side): only
// such fields (`description_html`, `body_html`, `analysis_html`) go through here.
export function SanitizedHtml({ html, className }: { html: string; className?: string }) {
  return (
    <div className={["od-prose", className].filter(Boolean).join(" ")} dangerouslySetInnerHTML={{ __html: html }} />
  );
}
