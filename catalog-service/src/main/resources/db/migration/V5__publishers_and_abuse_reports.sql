create table publisher (
    owner_id       text        primary key,
    display_name   text        not null,
    description    text        not null default '',
    website        text,
    payout_address text        check (payout_address ~ '^0x[0-9a-f]{40}$'),
    version        bigint      not null default 0,
    created_at     timestamptz not null,
    updated_at     timestamptz not null
);

create table abuse_report (
    id          uuid        primary key,
    asset_id    uuid        not null references asset (id),
    reporter_id text        not null,
    category    text        not null check (category in ('ILLEGAL_CONTENT', 'MALWARE', 'LICENCE_VIOLATION', 'MISLEADING', 'PRIVACY', 'OTHER')),
    details     text        not null default '',
    state       text        not null check (state in ('OPEN', 'RESOLVED')),
    resolution  text        check (resolution in ('DISMISSED', 'DELISTED')),
    note        text,
    resolved_by text,
    created_at  timestamptz not null,
    resolved_at timestamptz
);
-- One open report per reporter and asset: repeating a report adds nothing.
create unique index abuse_report_open_once on abuse_report (asset_id, reporter_id) where state = 'OPEN';
create index abuse_report_queue on abuse_report (state, created_at, id);
