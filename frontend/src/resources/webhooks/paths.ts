// Where the webhooks' pages are: the admin area's (every endpoint) and the account's (the
// endpoints of the apps whose tokens act for the signed-in person).
export type Audience = "admin" | "owner";

export const webhooksPath = (audience: Audience = "admin") =>
  audience === "admin" ? "/admin/webhooks" : "/compte/webhooks";
export const webhookPath = (id: number, audience: Audience = "admin") => `${webhooksPath(audience)}/${id}`;
