-- Markdown is rendered (and sanitised) once, when it is written, not on every read: a list
-- of 20 forums would otherwise parse and clean 20 documents per request. NULL means "not
-- rendered yet"; the server fills these in at start-up (see db::render_missing_html).
ALTER TABLE forums ADD COLUMN description_html TEXT;
ALTER TABLE commitments ADD COLUMN description_html TEXT, ADD COLUMN irm_analysis_html TEXT;
ALTER TABLE milestones ADD COLUMN description_html TEXT;
