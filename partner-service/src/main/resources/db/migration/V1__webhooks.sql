-- Which event types the operator granted each partner (a partner is its token's subject). Endpoints only ever
-- receive types that are granted at the moment of delivery, so a revoked grant stops pending deliveries too.
create table partner_grant (
    partner_id  text        not null,
    event_type  text        not null check (event_type ~ '^ai\.marketplace\.(catalog|compute|settlement|reputation)\.[A-Z][A-Za-z0-9]*\.v[1-9][0-9]*$'),
    granted_by  text        not null,
    granted_at  timestamptz not null default now(),
    primary key (partner_id, event_type)
);

create table endpoint (
    id                    uuid        primary key,
    partner_id            text        not null,
    url                   text        not null check (length(url) <= 2048),
    description           text        not null default '' check (length(description) <= 500),
    event_types           text[]      not null check (cardinality(event_types) between 1 and 200),
    state                 text        not null check (state in ('ACTIVE', 'PAUSED', 'DISABLED')),
    -- Who disabled it: the operator (only an operator enables it again) or its own failures (the partner may).
    disabled_by           text        check (disabled_by in ('OPERATOR', 'FAILURES')),
    disabled_reason       text,
    secret                text        not null,
    previous_secret       text,
    previous_secret_until timestamptz,
    consecutive_failures  integer     not null default 0 check (consecutive_failures >= 0),
    version               bigint      not null default 0,
    created_at            timestamptz not null,
    updated_at            timestamptz not null,
    check ((state = 'DISABLED') = (disabled_by is not null)),
    check ((previous_secret is null) = (previous_secret_until is null))
);
create index endpoint_partner on endpoint (partner_id, created_at desc, id desc);
create index endpoint_types on endpoint using gin (event_types) where state <> 'DISABLED';

-- The retained copy of every deliverable event, exactly as it was published (CloudEvent, structured JSON mode):
-- what deliveries and replays send. seq is the order this service took the events in, which keeps each aggregate's
-- commit order because one aggregate's events share a partition.
create table event_copy (
    seq          bigserial   primary key,
    event_id     text        not null unique,
    event_type   text        not null,
    subject      text        not null,
    body         bytea       not null,
    event_time   timestamptz not null,
    received_at  timestamptz not null default now()
);
create index event_copy_time on event_copy (event_time);
create index event_copy_type on event_copy (event_type, seq);

-- What each endpoint is owed. A delivery waits for every earlier delivery of the same subject to the same endpoint
-- (commit order per aggregate) and for nothing else.
create table delivery (
    endpoint_id     uuid        not null references endpoint (id) on delete cascade,
    seq             bigint      not null references event_copy (seq),
    subject         text        not null,
    state           text        not null default 'PENDING' check (state in ('PENDING', 'DELIVERED', 'GAVE_UP')),
    attempts        integer     not null default 0 check (attempts >= 0),
    next_attempt_at timestamptz not null default now(),
    -- Taken by a dispatcher until then; a dispatcher that died mid-delivery leaves it to expire and be taken again.
    claimed_until   timestamptz,
    first_due_at    timestamptz not null default now(),
    delivered_at    timestamptz,
    primary key (endpoint_id, seq)
);
-- An endpoint's due deliveries in the order they fell due; its subjects' heads; what is claimed now (a few rows).
create index delivery_due on delivery (endpoint_id, next_attempt_at, seq) where state = 'PENDING';
create index delivery_head on delivery (endpoint_id, subject, seq) where state = 'PENDING';
create index delivery_claimed on delivery (endpoint_id) where state = 'PENDING' and claimed_until is not null;

-- Every attempt, for the partner's delivery log.
create table delivery_attempt (
    id               uuid        primary key,
    endpoint_id      uuid        not null references endpoint (id) on delete cascade,
    event_id         text        not null,
    event_type       text        not null,
    attempt          integer     not null,
    created_at       timestamptz not null,  -- when the attempt started
    latency_ms       integer     not null,
    status_code      integer,
    error            text,
    response_excerpt text,
    outcome          text        not null check (outcome in ('DELIVERED', 'RETRYING', 'GAVE_UP')),
    next_attempt_at  timestamptz
);
create index delivery_attempt_endpoint on delivery_attempt (endpoint_id, created_at desc, id desc);
