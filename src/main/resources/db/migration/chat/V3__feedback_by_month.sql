-- Feedback is kept for a period counted from the day it was given, so it expires a month at a time. Kept in one
-- partition per month, a month that every organisation's period has passed is dropped whole: the retention run then
-- writes almost no WAL for it, where deleting its rows one by one wrote ~200 bytes each and slowed live chat's
-- commits (docs/benchmarks.md). Feedback for a month that has no partition yet (only direct SQL can do that: the app
-- makes the month first) lands in feedback_other, and moves into the month's partition when it is made.
ALTER TABLE feedback RENAME TO feedback_unpartitioned;

-- A sequence, not an identity column: PostgreSQL 15 and 16 allow no identity column on a partitioned table.
CREATE SEQUENCE feedback_number AS bigint;

CREATE TABLE feedback (
    id           bigint   NOT NULL DEFAULT nextval('feedback_number'),
    reception_id uuid     NOT NULL REFERENCES reception (id),
    given_on     date     NOT NULL,
    rating       smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
    comment      varchar(1000),
    PRIMARY KEY (id, given_on)
) PARTITION BY RANGE (given_on);
ALTER SEQUENCE feedback_number OWNED BY feedback.id;

CREATE TABLE feedback_other PARTITION OF feedback DEFAULT;

-- Makes the partition of the month the day is in, unless it exists, and returns its name. Called before feedback of
-- a day is written, in the same transaction; two transactions making the same month at once both succeed.
CREATE FUNCTION feedback_month(day date) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    first_day date := date_trunc('month', day)::date;
    next_first date := (date_trunc('month', day) + interval '1 month')::date;
    name text := 'feedback_' || to_char(day, 'YYYY_MM');
BEGIN
    IF to_regclass(name) IS NOT NULL THEN
        RETURN name;
    END IF;
    BEGIN
        -- Made beside the table and attached, so that feedback of the month already in feedback_other can move in
        -- first (attaching checks that feedback_other holds none of the month's rows any more).
        EXECUTE format('CREATE TABLE %I (LIKE feedback INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', name);
        EXECUTE format('WITH moved AS (DELETE FROM feedback_other WHERE given_on >= %L AND given_on < %L RETURNING *) '
                       'INSERT INTO %I SELECT * FROM moved', first_day, next_first, name);
        EXECUTE format('ALTER TABLE feedback ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)',
                       name, first_day, next_first);
    EXCEPTION WHEN duplicate_table THEN
        -- Another transaction made it meanwhile and has committed.
        NULL;
    END;
    RETURN name;
END
$$;

DO $$
DECLARE
    first_day date;
BEGIN
    FOR first_day IN SELECT DISTINCT date_trunc('month', given_on)::date FROM feedback_unpartitioned LOOP
        PERFORM feedback_month(first_day);
    END LOOP;
END
$$;

INSERT INTO feedback (id, reception_id, given_on, rating, comment)
SELECT id, reception_id, given_on, rating, comment FROM feedback_unpartitioned;
SELECT setval('feedback_number', coalesce((SELECT max(id) FROM feedback_unpartitioned), 0) + 1, false);
DROP TABLE feedback_unpartitioned;
