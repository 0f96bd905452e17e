/** Every page path of the app's route table, and the admin area, sorted. */
export function routeTable(): string[];
