-- GPU offers. allocated_gpus is the capacity ledger of the offer: leases will reserve with a conditional
-- UPDATE (allocated_gpus + n <= gpu_count), and the check constraint makes oversubscription impossible even
-- for a buggy writer.
create table offer (
    id                 uuid          primary key,
    provider_id        text          not null,
    region             text          not null,
    gpu_model          text          not null,
    vram_gb            integer       not null check (vram_gb between 1 and 1024),
    gpu_count          integer       not null check (gpu_count between 1 and 1024),
    cpu_cores          integer       not null check (cpu_cores between 1 and 4096),
    ram_gb             integer       not null check (ram_gb between 1 and 65536),
    price_per_gpu_hour numeric(78,0) not null check (price_per_gpu_hour > 0),
    min_hours          integer       not null check (min_hours >= 1),
    max_hours          integer       not null check (max_hours >= min_hours and max_hours <= 8760),
    allowed_tenants    text[]        not null default '{}',
    denied_tenants     text[]        not null default '{}',
    state              text          not null check (state in ('ONLINE', 'DRAINING', 'OFFLINE', 'WITHDRAWN')),
    allocated_gpus     integer       not null default 0 check (allocated_gpus >= 0 and allocated_gpus <= gpu_count),
    last_heartbeat_at  timestamptz,
    version            bigint        not null default 0,
    created_at         timestamptz   not null,
    updated_at         timestamptz   not null
);
create index offer_market on offer (price_per_gpu_hour, id) where state = 'ONLINE';
create index offer_provider on offer (provider_id, created_at desc, id);
