/** Every page path of the app's route table, and the admin area, sorted. */
export function routeTable(): string[];
/** The admin area's page paths ("/admin" and its resources' admin pages, absolute), sorted. */
export function adminRouteTable(): string[];
