-- The returns treated as backfill (received, for a month before the partner's late_from), per
-- partner and extract: the months and how many. $1: the partners to include (NULL: all).
SELECT organisation, extract, min(reporting_month), max(reporting_month), count(*)
FROM marts.return_timeliness
WHERE status = 'backfill' AND (CAST(? AS VARCHAR[]) IS NULL OR list_contains(CAST(? AS VARCHAR[]), partner))
GROUP BY ALL
ORDER BY organisation, extract;
