ALTER TABLE milestones DROP COLUMN description_html;
ALTER TABLE commitments DROP COLUMN irm_analysis_html, DROP COLUMN description_html;
ALTER TABLE forums DROP COLUMN description_html;
