-- Transactional outbox: written in the same transaction as the state change it describes.
-- The relay publishes unpublished rows in seq order and then marks them.
create table outbox (
    seq            bigserial    primary key,
    id             uuid         not null unique,   -- the CloudEvent id
    topic          text         not null,
    aggregate_type text         not null,
    aggregate_id   text         not null,           -- the Kafka key
    event_type     text         not null,
    payload        bytea        not null,           -- the whole CloudEvent, structured JSON mode
    request_id     text,
    traceparent    text,
    created_at     timestamptz  not null default now(),
    published_at   timestamptz,
    attempts       integer      not null default 0,
    last_error     text
);
create index outbox_unpublished on outbox (seq) where published_at is null;
create index outbox_unpublished_by_aggregate on outbox (aggregate_id, seq) where published_at is null;
create index outbox_published_at on outbox (published_at) where published_at is not null;

-- Idempotent inbox: (consumer, event id) recorded in the same transaction as the consumer's effect.
create table inbox (
    consumer     text        not null,
    event_id     text        not null,
    event_type   text        not null,
    received_at  timestamptz not null default now(),
    primary key (consumer, event_id)
);
create index inbox_received_at on inbox (received_at);
