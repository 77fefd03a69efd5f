{#
    What a daily run of a base model reads on DuckDB files: only the raw files that are new since the last
    build. The model raw_files keeps each file's size and modification time as the last build found them.
      - raw_file_listing: a select of the files of one raw table as they are now (source_name, table_name,
        file_name, size_bytes, modified_at), or none when it has no file or the raw data is not files.
      - raw_files_to_read: {'all': true} when the table must be read whole (a stored file is gone or was
        rewritten, or no listing is stored: the first build, another --raw-dir, an older version), else
        {'all': false, 'new': [file names not read before]}.
#}
{% macro raw_file_listing(source_name, table_name) %}
    {%- if not (target.type == 'duckdb' and var('raw_from_files', true)) -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set files = raw_file_patterns(raw_directory(), source_name, table_name) -%}
    {%- if files is none -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set listing -%}
        select
            cast('{{ source_name }}' as {{ dbt.type_string() }}) as source_name,
            cast('{{ table_name }}' as {{ dbt.type_string() }}) as table_name,
            cast(filename as {{ dbt.type_string() }}) as file_name,
            cast(size as {{ dbt.type_bigint() }}) as size_bytes,
            cast(last_modified as {{ dbt.type_timestamp() }}) as modified_at
        from read_blob(['{{ files.patterns | join("', '") }}'])
    {%- endset -%}
    {{ return(listing) }}
{% endmacro %}


{% macro raw_files_to_read(source_name, table_name) %}
    {%- set stored = previous_state('raw_files') -%}
    {%- set listing = raw_file_listing(source_name, table_name) -%}
    {%- if stored is none or listing is none -%}
        {{ return({'all': true}) }}
    {%- endif -%}
    {%- set fingerprint = "file_name || '|' || cast(size_bytes as varchar) || '|' || cast(modified_at as varchar)" -%}
    {%- set current = run_query('select ' ~ fingerprint ~ ', file_name from (' ~ listing ~ ') as listing') -%}
    {%- set read_before = run_query(
        'select ' ~ fingerprint ~ ' from ' ~ stored
        ~ " where source_name = '" ~ source_name ~ "' and table_name = '" ~ table_name ~ "'"
    ).columns[0].values() | list -%}
    {%- set current_fingerprints = current.columns[0].values() | list -%}
    {%- if not read_before or read_before | reject('in', current_fingerprints) | list -%}
        {{ return({'all': true}) }}
    {%- endif -%}
    {%- set new = [] -%}
    {%- for row in current.rows if row[0] not in read_before -%}
        {%- do new.append(row[1]) -%}
    {%- endfor -%}
    {{ return({'all': false, 'new': new}) }}
{% endmacro %}
