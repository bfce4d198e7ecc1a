-- Idempotency-Key for POSTs that move money or capacity: the first response is stored with a hash of the
-- request, in the same transaction as the effect; a repeat returns it, a different request under the same key
-- is refused.
create table idempotency_key (
    subject      text        not null,
    key          text        not null,
    request_hash text        not null,
    response     text        not null,
    created_at   timestamptz not null default now(),
    primary key (subject, key)
);
create index idempotency_key_created on idempotency_key (created_at);
