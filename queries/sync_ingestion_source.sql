-- one ingestion brought by the import engine for a connector: recorded under the source's name
update ingestion set source = $source where id = $ingestion_id and source = 'file'
