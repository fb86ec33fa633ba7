-- Completeness of marts.indicator_values (see docs/indicators.md): a month for which a return
-- owed to the partnership (marts.returns_owed: partner, extract, month, from the registry) was
-- never received is `missing` for every place the partner serves and every indicator reading
-- that extract: value, numerator and denominator null, never 0. A financial year with a
-- missing month is `incomplete`: its figure is what arrived, flagged. `missing_returns` names
-- the returns (`partner extract YYYY-MM`, codes only). Reads indicator_sources (indicator_id,
-- extract: each indicator's monthly source extracts), registered by the caller.
CREATE OR REPLACE TEMP TABLE period_gaps AS
WITH not_received AS (
    SELECT o.partner, o.extract, o.reporting_month
    FROM marts.returns_owed AS o
    ANTI JOIN audit.file_versions AS f
      ON f.partner = o.partner AND f.extract = o.extract AND f.reporting_month = o.reporting_month
     AND f.status IN ('loaded', 'purged')
), by_place AS (
    SELECT s.indicator_id, m.area_type, m.area_code, n.reporting_month,
           n.partner || ' ' || n.extract || ' ' || strftime(n.reporting_month, '%Y-%m') AS label
    FROM not_received AS n
    JOIN marts.partner_areas AS a USING (partner)
    JOIN marts.area_members AS m USING (la_code)
    JOIN indicator_sources AS s USING (extract)
), periods AS (
    SELECT indicator_id, area_type, area_code, 'month' AS period_type,
           strftime(reporting_month, '%Y-%m') AS period, label FROM by_place
    UNION ALL
    SELECT indicator_id, area_type, area_code, 'financial_year',
           fy || '-' || right(CAST(fy + 1 AS VARCHAR), 2), label
    FROM (SELECT *, year(reporting_month) - CASE WHEN month(reporting_month) < 4 THEN 1 ELSE 0 END AS fy
          FROM by_place)
)
SELECT indicator_id, area_type, area_code, period_type, period,
       string_agg(DISTINCT label, '; ' ORDER BY label) AS missing_returns
FROM periods GROUP BY ALL;

UPDATE marts.indicator_values AS v
SET completeness = CASE WHEN g.period_type = 'month' THEN 'missing' ELSE 'incomplete' END,
    missing_returns = g.missing_returns,
    value = CASE WHEN g.period_type = 'month' THEN NULL ELSE v.value END,
    numerator = CASE WHEN g.period_type = 'month' THEN NULL ELSE v.numerator END,
    denominator = CASE WHEN g.period_type = 'month' THEN NULL ELSE v.denominator END
FROM period_gaps AS g
WHERE v.indicator_id = g.indicator_id AND v.area_type = g.area_type AND v.area_code = g.area_code
  AND v.period_type = g.period_type AND v.period = g.period;

DROP TABLE period_gaps;
