// Open data: the catalogue of datasets.
import { api, unwrap, type Schemas } from "../../api/client";

export type Catalogue = Schemas["Catalogue"];
export type Dataset = Schemas["Dataset"];

export const openDataKeys = {
  all: ["open-data"] as const,
  catalogue: ["open-data", "catalogue"] as const,
};

export const getCatalogue = () => unwrap(api.GET("/api/v1/open-data"));
