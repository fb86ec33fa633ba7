-- The comparators of each place's figures: every row of {figures} (marts.indicator_values, or
-- the published figures) whose indicator, breakdown and period type has a published period at
-- or before its own in core.benchmarks. The rules (docs/places.md, "Comparators"):
--
-- - benchmark_period: the row's own period when published, else the latest earlier period of
--   the same type that is (national figures come out months after the year ends). A period
--   `YYYY-YY` with YY the next year is a financial year; any other is a month.
-- - England (E92000001) and the place's region (marts.areas.region_code): their published
--   value, or their symbol where the publisher suppressed it.
-- - neighbours: the statistical neighbours of the place's LAs (core.neighbours), less the
--   place's own LAs, each once; the mean of those with a published value, and how many.
-- - rank and rank_of, for a place of one LA only: among the LAs with a published value for
--   the period, the place's own figure in place of its LA's published one; rank = 1 + the LAs
--   with a higher value (ties share the better rank). None when no other LA has a value.
-- - quartile, for a ranked place: its position p of n in the polarity's best-first order
--   (higher_is_worse: 1 + the LAs with a lower value; otherwise the rank): A when
--   p <= ceil(n/4), B when p <= ceil(n/2), C when p <= ceil(3n/4), else D. Tied LAs share the
--   better band.
-- - source: the publication England's figure comes from (else the first, by name, of the
--   period's publications).
--
-- Breakdown codes match in any case. {figures} is a table name from the code, never from data.
WITH published AS (
    SELECT indicator_id, area_code, upper(breakdown) AS breakdown, period,
           CASE WHEN try_cast(right(period, 2) AS INTEGER) = (try_cast(left(period, 4) AS INTEGER) + 1) % 100
                THEN 'financial_year' ELSE 'month' END AS period_type,
           value, symbol, source
    FROM core.benchmarks
),
published_periods AS (
    SELECT indicator_id, breakdown, period_type, period,
           coalesce(max(source) FILTER (WHERE area_code = 'E92000001'), min(source)) AS source
    FROM published
    GROUP BY ALL
),
places AS (
    SELECT a.area_type, a.area_code, a.region_code,
           CASE WHEN count(*) = 1 THEN min(m.la_code) END AS sole_la
    FROM marts.areas AS a JOIN marts.area_members AS m USING (area_type, area_code)
    GROUP BY ALL
),
candidates AS (  -- only the figures of an indicator, breakdown and period type published at all
    SELECT f.indicator_id, f.area_type, f.area_code, f.period_type, f.period, f.breakdown,
           upper(f.breakdown) AS code, f.value
    FROM {figures} AS f
    SEMI JOIN (SELECT DISTINCT indicator_id, breakdown, period_type FROM published_periods) AS s
      ON s.indicator_id = f.indicator_id AND s.breakdown = upper(f.breakdown) AND s.period_type = f.period_type
),
compared AS (
    SELECT f.*, p.period AS benchmark_period, p.source
    FROM candidates AS f
    ASOF JOIN published_periods AS p
      ON p.indicator_id = f.indicator_id AND p.breakdown = f.code
     AND p.period_type = f.period_type AND f.period >= p.period
),
neighbour_sets AS (
    SELECT DISTINCT m.area_type, m.area_code, n.neighbour_code
    FROM marts.area_members AS m
    JOIN core.neighbours AS n ON n.la_code = m.la_code
    ANTI JOIN marts.area_members AS own
      ON own.area_type = m.area_type AND own.area_code = m.area_code AND own.la_code = n.neighbour_code
),
neighbour_figures AS (
    SELECT c.indicator_id, c.area_type, c.area_code, c.period_type, c.period, c.breakdown,
           avg(b.value) AS neighbours_mean, count(b.value) AS neighbours_n
    FROM compared AS c
    JOIN neighbour_sets AS s USING (area_type, area_code)
    JOIN published AS b
      ON b.indicator_id = c.indicator_id AND b.breakdown = c.code AND b.period_type = c.period_type
     AND b.period = c.benchmark_period AND b.area_code = s.neighbour_code
    GROUP BY ALL
),
ranked AS (
    SELECT c.indicator_id, c.area_type, c.area_code, c.period_type, c.period, c.breakdown,
           1 + count(b.value) FILTER (WHERE b.value > c.value) AS rank,
           1 + count(b.value) AS rank_of,
           1 + count(b.value) FILTER (WHERE CASE WHEN i.polarity = 'higher_is_worse'
                                                 THEN b.value < c.value ELSE b.value > c.value END) AS position
    FROM compared AS c
    JOIN places AS p USING (area_type, area_code)
    JOIN marts.indicators AS i ON i.id = c.indicator_id
    LEFT JOIN published AS b
      ON b.indicator_id = c.indicator_id AND b.breakdown = c.code AND b.period_type = c.period_type
     AND b.period = c.benchmark_period AND b.value IS NOT NULL AND b.area_code <> p.sole_la
     AND regexp_full_match(b.area_code, 'E(06|08|09|10)[0-9]{{6}}')
    WHERE p.sole_la IS NOT NULL AND c.value IS NOT NULL
    GROUP BY ALL
    HAVING count(b.value) > 0
)
SELECT c.indicator_id, c.area_type, c.area_code, c.period_type, c.period, c.breakdown, c.value,
       c.benchmark_period, e.value AS england_value, e.symbol AS england_symbol,
       p.region_code, r.value AS region_value, r.symbol AS region_symbol,
       n.neighbours_mean, coalesce(n.neighbours_n, 0) AS neighbours_n, k.rank, k.rank_of,
       CASE WHEN k.rank IS NULL THEN NULL
            WHEN k.position <= ceil(k.rank_of / 4) THEN 'A'
            WHEN k.position <= ceil(k.rank_of / 2) THEN 'B'
            WHEN k.position <= ceil(3 * k.rank_of / 4) THEN 'C'
            ELSE 'D' END AS quartile,
       c.source
FROM compared AS c
JOIN places AS p ON p.area_type = c.area_type AND p.area_code = c.area_code
LEFT JOIN published AS e
  ON e.indicator_id = c.indicator_id AND e.breakdown = c.code AND e.period_type = c.period_type
 AND e.period = c.benchmark_period AND e.area_code = 'E92000001'
LEFT JOIN published AS r
  ON r.indicator_id = c.indicator_id AND r.breakdown = c.code AND r.period_type = c.period_type
 AND r.period = c.benchmark_period AND r.area_code = p.region_code
LEFT JOIN neighbour_figures AS n
  ON n.indicator_id = c.indicator_id AND n.area_type = c.area_type AND n.area_code = c.area_code
 AND n.period_type = c.period_type AND n.period = c.period AND n.breakdown = c.breakdown
LEFT JOIN ranked AS k
  ON k.indicator_id = c.indicator_id AND k.area_type = c.area_type AND k.area_code = c.area_code
 AND k.period_type = c.period_type AND k.period = c.period AND k.breakdown = c.breakdown
