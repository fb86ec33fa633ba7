-- For checking s42 enquiries as they load: when each known concern of a partner was received.
-- The first column is the pseudonymised key the enquiry rows are joined on.
SELECT concern_id, date_received AS concern_date_received
FROM core.adult_concerns
WHERE partner = ?;
