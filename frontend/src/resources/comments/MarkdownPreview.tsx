// A small markdown renderer for the comment preview. It builds React elements (text is always
// escaped by React), never HTML strings: what the preview shows cannot inject markup. The
// published comment is rendered by the API (`body_html`); this covers the common subset.
import type { ReactNode } from "react";

const SAFE_URL = /^(https?:\/\/|mailto:)/i;

export function renderInline(text: string, keyPrefix = "i"): ReactNode[] {
  const out: ReactNode[] = [];
  // code | link | bold | italic
  const re = /`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\)|\*\*([^*]+)\*\*|__([^_]+)__|\*([^*]+)\*|_([^_]+)_/g;
  let last = 0;
  let m: RegExpExecArray | null;
  let n = 0;
  while ((m = re.exec(text)) !== null) {
    if (m.index > last) out.push(text.slice(last, m.index));
    const key = `${keyPrefix}-${n++}`;
    if (m[1] !== undefined) out.push(<code key={key}>{m[1]}</code>);
    else if (m[2] !== undefined) {
      const href = m[3];
      out.push(
        SAFE_URL.test(href) ? (
          <a key={key} href={href} rel="nofollow noopener noreferrer" target="_blank">
            {renderInline(m[2], key)}
          </a>
        ) : (
          m[0]
        ),
      );
    } else if (m[4] !== undefined || m[5] !== undefined)
      out.push(<strong key={key}>{renderInline(m[4] ?? m[5], key)}</strong>);
    else out.push(<em key={key}>{renderInline(m[6] ?? m[7], key)}</em>);
    last = re.lastIndex;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

export function MarkdownPreview({ source }: { source: string }) {
  const blocks = source.replace(/\r\n?/g, "\n").split(/\n{2,}/);
  return (
    <>
      {blocks.map((block, i) => {
        const lines = block.split("\n").filter((l) => l.trim() !== "");
        if (lines.length === 0) return null;
        if (lines.length === 1 && /^#{1,6}\s+/.test(lines[0])) {
          return (
            <p key={i} className="fr-text--bold">
              {renderInline(lines[0].replace(/^#{1,6}\s+/, ""), `${i}`)}
            </p>
          );
        }
        if (lines.every((l) => /^\s*[-*+]\s+/.test(l))) {
          return (
            <ul key={i}>
              {lines.map((l, j) => (
                <li key={j}>{renderInline(l.replace(/^\s*[-*+]\s+/, ""), `${i}-${j}`)}</li>
              ))}
            </ul>
          );
        }
        if (lines.every((l) => /^\s*\d+[.)]\s+/.test(l))) {
          return (
            <ol key={i}>
              {lines.map((l, j) => (
                <li key={j}>{renderInline(l.replace(/^\s*\d+[.)]\s+/, ""), `${i}-${j}`)}</li>
              ))}
            </ol>
          );
        }
        if (lines.every((l) => /^\s*>/.test(l))) {
          return (
            <blockquote key={i}>
              <p>{renderInline(lines.map((l) => l.replace(/^\s*>\s?/, "")).join(" "), `${i}`)}</p>
            </blockquote>
          );
        }
        return (
          <p key={i}>
            {lines.map((l, j) => (
              <span key={j}>
                {j > 0 && <br />}
                {renderInline(l, `${i}-${j}`)}
              </span>
            ))}
          </p>
        );
      })}
    </>
  );
}
