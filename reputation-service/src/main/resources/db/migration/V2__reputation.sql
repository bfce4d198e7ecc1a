-- Reputation's own projections of other services' facts, reviews, validators and scores (design.md §3).

-- Asset versions (catalog AssetVersionPublished): what validators attest to.
create table asset_version_projection (
    version_id  uuid        primary key,
    asset_id    uuid        not null,
    owner_id    text        not null,
    digest      text        not null,
    published_at timestamptz not null
);

-- Licences (catalog LicenceGranted/Revoked): the basis of an asset review.
create table licence_projection (
    order_id    uuid          primary key,
    licence_id  uuid          not null,
    holder_id   text          not null,
    seller_id   text          not null,
    asset_id    uuid          not null,
    amount      numeric(78,0) not null,
    revoked     boolean       not null default false,
    granted_at  timestamptz   not null
);

-- Leases (compute): the basis of a provider review, and the provider's reliability record.
create table lease_projection (
    lease_id     uuid          primary key,
    renter_id    text          not null,
    provider_id  text          not null,
    state        text          not null,
    reason       text,
    used_amount  numeric(78,0),
    ended_at     timestamptz
);

-- Per-subject counters. A subject may be provider and payer at once.
create table party_record (
    subject_id            text          primary key,
    leases_completed      integer       not null default 0,
    leases_failed         integer       not null default 0,
    leases_unresponsive   integer       not null default 0,
    payments_captured     integer       not null default 0,
    payments_failed       integer       not null default 0,
    spent                 numeric(78,0) not null default 0,
    first_seen_at         timestamptz   not null default now()
);

create table review (
    id            uuid          primary key,
    author_id     text          not null,
    subject_type  text          not null check (subject_type in ('ASSET', 'PROVIDER')),
    subject_id    text          not null,
    basis_type    text          not null check (basis_type in ('ORDER', 'LEASE')),
    basis_id      uuid          not null unique,
    rating        integer       not null check (rating between 1 and 5),
    text          text          not null check (length(text) <= 4000),
    weight        numeric(6,4)  not null check (weight > 0 and weight <= 1),
    reply         text          check (length(reply) <= 4000),
    replied_at    timestamptz,
    version       bigint        not null default 0,
    created_at    timestamptz   not null,
    updated_at    timestamptz   not null
);
create index review_subject on review (subject_type, subject_id, created_at desc, id);

create table validator (
    validator_id   text          primary key,
    stake          numeric(78,0) not null default 0 check (stake >= 0),
    agreements     integer       not null default 0,
    disagreements  integer       not null default 0,
    updated_at     timestamptz   not null default now()
);
create table validator_stake (
    stake_id      uuid          primary key,
    validator_id  text          not null references validator (validator_id),
    amount        numeric(78,0) not null,
    released      boolean       not null default false
);

create table attestation (
    id              uuid          primary key,
    validator_id    text          not null references validator (validator_id),
    version_id      uuid          not null references asset_version_projection (version_id),
    digest_matches  boolean       not null,
    metric_name     text,
    metric_value    numeric,
    stake_weight    numeric       not null,
    created_at      timestamptz   not null,
    unique (validator_id, version_id)
);

create table version_consensus (
    version_id        uuid         primary key references asset_version_projection (version_id),
    asset_id          uuid         not null,
    outcome           text         not null check (outcome in ('VERIFIED', 'DISPUTED')),
    consensus_metric  numeric,
    stake_for         numeric      not null,
    stake_against     numeric      not null,
    decided_at        timestamptz  not null
);

-- Current and last published score per subject.
create table score (
    subject_type     text          not null check (subject_type in ('ASSET', 'PROVIDER', 'PAYER')),
    subject_id       text          not null,
    score            numeric(6,4)  not null,
    published_score  numeric(6,4),
    components       text          not null,
    updated_at       timestamptz   not null,
    primary key (subject_type, subject_id)
);

-- Facts already counted (e.g. a hold's capture), so the same fact under a new event id is not counted twice.
create table counted_fact (
    fact        text         primary key,
    counted_at  timestamptz  not null default now()
);
