DROP TABLE proposal_commitments;
