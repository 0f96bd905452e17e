DROP TABLE comment_mentions;
