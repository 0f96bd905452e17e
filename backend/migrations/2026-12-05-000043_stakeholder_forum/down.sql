DROP TABLE organisation_consents;
DROP TABLE stakeholder_meetings;
DROP TABLE stakeholder_members;
