alter table lease add column provider_id text;
alter table lease add column request_kind text check (request_kind in ('OFFER', 'REQUIREMENTS'));
create index lease_provider on lease (provider_id, created_at desc, id);
