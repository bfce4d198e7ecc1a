-- A lease that ran is not settled the moment it ends: the provider has a short window for its last meter reading
-- (the interval since its previous report), then LeaseEnded is published with the final amount. Leases that
-- ended before this change were settled when they ended.
alter table lease add column settle_after timestamptz;
alter table lease add column settled_at timestamptz;
update lease set settled_at = ended_at, settle_after = ended_at where state in ('COMPLETED', 'FAILED');
alter table lease add constraint lease_ran_settles check (state not in ('COMPLETED', 'FAILED') or settle_after is not null);
create index lease_unsettled on lease (settle_after) where settled_at is null and settle_after is not null;
