DROP TABLE progress_evidence;
DROP TABLE document_files;
DROP TABLE documents;
