DROP INDEX users_display_name_prefix_idx;
DROP TABLE notification_settings;
DROP TABLE notifications;
DROP TABLE follows;
