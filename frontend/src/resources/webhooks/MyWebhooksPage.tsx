// The account's webhooks page: the endpoints of the apps whose tokens act for the signed-in person.
import { WebhooksPage } from "./WebhooksPage";

export default function MyWebhooksPage() {
  return <WebhooksPage audience="owner" />;
}
