-- For checking s42 enquiries as they load: when each known concern of the given partners
-- (a list) was received.
-- The first column is the pseudonymised key the enquiry rows are joined on.
SELECT concern_id, date_received AS concern_date_received, partner
FROM core.adult_concerns
WHERE partner IN (SELECT unnest(?));
