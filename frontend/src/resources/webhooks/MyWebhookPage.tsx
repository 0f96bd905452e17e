// One endpoint of an app whose tokens act for the signed-in person, and its delivery log.
import { WebhookPage } from "./WebhookPage";

export default function MyWebhookPage() {
  return <WebhookPage audience="owner" />;
}
