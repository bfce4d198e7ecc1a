-- What operators decided about dead-lettered records: re-driven through the consumer (applied, or a duplicate
-- the inbox skipped) or discarded, by whom and why. One decision per record, so a record is re-driven once.
create table dead_letter_decision (
    topic          text         not null,
    partition      integer      not null,
    record_offset  bigint       not null,
    event_id       text,
    event_type     text,
    action         text         not null check (action in ('REDRIVEN', 'DISCARDED')),
    outcome        text         check (outcome in ('APPLIED', 'DUPLICATE')),
    operator_id    text         not null,
    reason         text         not null,
    decided_at     timestamptz  not null default now(),
    primary key (topic, partition, record_offset),
    check ((action = 'REDRIVEN') = (outcome is not null))
);
