// Documents by knowledge level, attached to forums, formats, commitments, milestones and
// proposals: query keys and calls, in one place. The upload is the one request not made through
// the API client: it goes through XMLHttpRequest, the only way a browser reports how much of a
// request body is sent (fetch does not), for the progress bar.
import { api, refusedSession, unwrap, type Schemas } from "../../api/client";
import { ApiError, toApiError } from "../../api/errors";
import type { paths } from "../../api/schema";

export type Document = Schemas["Document"];
export type DocumentFile = Schemas["DocumentFile"];
export type DocumentRef = Schemas["DocumentRef"];
export type DocumentLevel = Schemas["DocumentLevel"];
export type DocumentStage = Schemas["DocumentStage"];
export type NewDocument = Schemas["NewDocument"];
export type DocumentChanges = Schemas["DocumentChanges"];
export type ParentKind = Schemas["ParentKind"];

/** What documents are attached to: its kind and its key in API addresses (a forum's or a format's
 *  slug, a commitment's OGP code, a milestone's or a proposal's id). */
export type Parent = { kind: ParentKind; key: string };

/** The largest file the API takes (`DOCUMENTS_MAX_BYTES`, 20 MiB by default). */
export const MAX_BYTES = 20 * 1024 * 1024;

/** One key tree: a write refreshes every list and record of documents. */
export const documentKeys = {
  all: ["documents"] as const,
  list: (parent: Parent) => ["documents", "list", parent.kind, parent.key] as const,
};

const path = (parent: Parent) => ({ params: { path: { id: parent.key } } });
const byId = (id: number) => ({ params: { path: { id } } });

/** A record's documents, by level (discovery, intermediate, expert), then oldest first. */
export function listDocuments(parent: Parent): Promise<Document[]> {
  switch (parent.kind) {
    case "forum":
      return unwrap(api.GET("/api/v1/forums/{id}/documents", path(parent)));
    case "format":
      return unwrap(api.GET("/api/v1/formats/{id}/documents", path(parent)));
    case "commitment":
      return unwrap(api.GET("/api/v1/commitments/{id}/documents", path(parent)));
    case "milestone":
      return unwrap(api.GET("/api/v1/milestones/{id}/documents", path(parent)));
    case "proposal":
      return unwrap(api.GET("/api/v1/proposals/{id}/documents", path(parent)));
  }
}

/** Attaches a document: a link, or a file document whose file is uploaded next (`uploadFile`). */
export function createDocument(parent: Parent, body: NewDocument): Promise<Document> {
  const options = { ...path(parent), body };
  switch (parent.kind) {
    case "forum":
      return unwrap(api.POST("/api/v1/forums/{id}/documents", options));
    case "format":
      return unwrap(api.POST("/api/v1/formats/{id}/documents", options));
    case "commitment":
      return unwrap(api.POST("/api/v1/commitments/{id}/documents", options));
    case "milestone":
      return unwrap(api.POST("/api/v1/milestones/{id}/documents", options));
    case "proposal":
      return unwrap(api.POST("/api/v1/proposals/{id}/documents", options));
  }
}

export const updateDocument = (id: number, body: DocumentChanges) =>
  unwrap(api.PATCH("/api/v1/documents/{id}", { ...byId(id), body }));
export const deleteDocument = (id: number) => unwrap(api.DELETE("/api/v1/documents/{id}", byId(id)));

/** The upload's address, from the contract's path (a typo in it would not compile). */
const UPLOAD: keyof paths = "/api/v1/documents/{id}/file";

/** Sends `file` as the document's file (its first, or a new version), reporting the share sent
 *  (0 to 1) as it goes. The session rides in its cookie as for every other request (same origin);
 *  a refused session (401) signs the person out as the API client does. */
export function uploadFile(id: number, file: File, onProgress: (sent: number) => void): Promise<Document> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const filename = file.name.length > 200 ? file.name.slice(-200) : file.name;
    const url = `${UPLOAD.replace("{id}", String(id))}?${new URLSearchParams({ filename }).toString()}`;
    xhr.open("PUT", url);
    xhr.withCredentials = true;
    xhr.setRequestHeader("Content-Type", "application/octet-stream");
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* no JSON body: the error is worded from the status */
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve(body as Document);
        return;
      }
      refusedSession(xhr.status);
      reject(toApiError(body, { status: xhr.status, statusText: xhr.statusText }));
    };
    // The server may close the connection on a body past its limit before reading it.
    xhr.onerror = () =>
      reject(
        file.size > MAX_BYTES
          ? new ApiError({ status: 413, code: "payload_too_large" })
          : new ApiError({ status: 0, code: "network_error" }),
      );
    xhr.send(file);
  });
}
