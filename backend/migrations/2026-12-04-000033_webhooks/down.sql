DROP TABLE webhook_attempts;
DROP TABLE webhook_deliveries;
DROP TABLE webhook_endpoints;
DELETE FROM event_positions WHERE consumer = 'webhooks';
