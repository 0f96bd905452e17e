DROP TRIGGER document_files_commitment_news ON document_files;
DROP TRIGGER documents_commitment_news ON documents;
DROP FUNCTION commitment_news_from_documents();
DROP FUNCTION commitment_news_from_document(BIGINT);
DROP TRIGGER progress_updates_commitment_news ON progress_updates;
DROP FUNCTION commitment_news_from_progress();
DROP TABLE commitment_news;
