-- Asset details and lifecycle.
alter table asset add column description  text        not null default '';
alter table asset add column modality     text;
alter table asset add column licence_text text;                       -- custom licence when there is no SPDX id
alter table asset add column links        text        not null default '[]';  -- JSON array of {rel, url}
alter table asset add column successor_id uuid        references asset (id);
alter table asset add column published_at timestamptz;
alter table asset add column delisted_reason text;

-- Versions: immutable once published; digest is the sha256 of the artifact, lower-case hex.
create table asset_version (
    id           uuid        primary key,
    asset_id     uuid        not null references asset (id),
    semver       text        not null,
    digest       text        not null check (digest ~ '^[0-9a-f]{64}$'),
    cid          text,
    size_bytes   bigint      not null check (size_bytes >= 0),
    storage_uri  text        not null,
    format       text,
    metrics      text        not null default '[]',                   -- JSON array of {name, value, dataset}
    state        text        not null check (state in ('DRAFT', 'PUBLISHED')),
    created_at   timestamptz not null,
    published_at timestamptz,
    unique (asset_id, semver)
);
create index asset_version_asset on asset_version (asset_id, created_at);

-- Lineage: a version was derived from, or trained on, other (published) versions. Parents are immutable and
-- published before any child can name them, so the graph is acyclic by construction.
create table version_reference (
    version_id uuid not null references asset_version (id),
    parent_id  uuid not null references asset_version (id),
    relation   text not null check (relation in ('DERIVED_FROM', 'TRAINED_ON')),
    primary key (version_id, parent_id, relation),
    check (version_id <> parent_id)
);
create index version_reference_parent on version_reference (parent_id);

-- Pricing plans never change; replacing one archives it.
create table pricing_plan (
    id          uuid          primary key,
    asset_id    uuid          not null references asset (id),
    type        text          not null check (type in ('ONE_TIME', 'PAY_PER_USE', 'SUBSCRIPTION')),
    price       numeric(78,0) not null check (price > 0 and price < 115792089237316195423570985008687907853269984665640564039457584007913129639936),
    unit        text,
    period_days integer       check (period_days between 1 and 3660),
    state       text          not null check (state in ('ACTIVE', 'ARCHIVED')),
    replaces_id uuid          references pricing_plan (id),
    created_at  timestamptz   not null,
    archived_at timestamptz,
    check ((type = 'PAY_PER_USE') = (unit is not null)),
    check ((type = 'SUBSCRIPTION') = (period_days is not null))
);
create index pricing_plan_asset on pricing_plan (asset_id, state);
