-- Local projections of catalog facts (never read from catalog's database): which assets exist and who owns
-- them, so reviews can be checked against ownership and scores attributed to providers.
create table asset_projection (
    asset_id     uuid        primary key,
    owner_id     text        not null,
    kind         text        not null,
    name         text        not null,
    created_at   timestamptz not null,
    updated_at   timestamptz not null
);
create index asset_projection_owner on asset_projection (owner_id);

create table provider_profile (
    provider_id    text        primary key,
    asset_count    integer     not null default 0 check (asset_count >= 0),
    first_seen_at  timestamptz not null,
    updated_at     timestamptz not null
);
