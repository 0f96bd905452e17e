DROP TABLE action_item_history;
DROP FUNCTION action_item_history_frozen();
DROP TABLE action_items;
DELETE FROM subjects WHERE kind = 'action_item';
ALTER TABLE subjects DROP CONSTRAINT subjects_kind_check;
ALTER TABLE subjects ADD CONSTRAINT subjects_kind_check
    CHECK (kind IN ('action_plan', 'commitment', 'milestone', 'forum'));
DROP TABLE forum_minutes;
