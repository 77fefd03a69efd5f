-- Nothing disappears silently: for every raw table, the rows delivered equal the rows staged, quarantined,
-- excluded as deleted and collapsed as exact duplicates (models/quality/raw_reconciliation.sql).
select *
from {{ ref('raw_reconciliation') }}
where rows_in != staged_rows + quarantined_rows + deleted_rows + exact_duplicate_rows
