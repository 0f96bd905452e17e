// Search results and comment targets address forums and commitments by numeric id; once the
// record is loaded, the address is replaced by its readable one (slug, OGP code), keeping the
// query and the anchor, and the record is cached under that key so that it is not fetched again.
import { useEffect } from "react";
import { useLocation, useNavigate } from "react-router";
import { useQueryClient, type QueryKey } from "@tanstack/react-query";

export function useCanonicalPath(
  param: string,
  loaded: { key: string; path: string; queryKey: QueryKey; data: unknown } | undefined,
) {
  const navigate = useNavigate();
  const location = useLocation();
  const qc = useQueryClient();
  const key = loaded?.key;
  useEffect(() => {
    if (!loaded || loaded.key === param) return;
    qc.setQueryData(loaded.queryKey, loaded.data);
    void navigate({ pathname: loaded.path, search: location.search, hash: location.hash }, { replace: true });
    // Only a newly loaded record (or a new address) can call for a redirect.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, param]);
}
