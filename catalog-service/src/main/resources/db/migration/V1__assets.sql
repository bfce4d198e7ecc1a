create table asset (
    id          uuid         primary key,
    owner_id    text         not null,
    kind        text         not null check (kind in ('MODEL', 'DATASET', 'SERVICE')),
    name        text         not null check (length(name) between 1 and 200),
    summary     text         not null default '',
    task        text,
    licence     text,
    tags        text[]       not null default '{}',
    state       text         not null check (state in ('DRAFT', 'PUBLISHED', 'DEPRECATED', 'DELISTED')),
    version     bigint       not null default 0,
    created_at  timestamptz  not null,
    updated_at  timestamptz  not null
);
create index asset_owner on asset (owner_id, created_at desc, id);
