-- one row: the latest migration applied to the store
select max(version) as version from schema_version
