DROP TABLE api_rate_windows;
