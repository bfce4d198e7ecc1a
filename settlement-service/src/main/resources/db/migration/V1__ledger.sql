-- Settlement's double-entry ledger (design.md §3). Balances change only through transfers: a row inserted in
-- `transfer` moves `amount` from its debit account to its credit account in the same statement (trigger), so
-- every posting is balanced and Σ balances = 0 holds by construction. Transfers are never updated or deleted;
-- a correction is a reversing transfer. Check constraints keep user, hold and fee balances non-negative.
create table account (
    id                     uuid          primary key,
    kind                   text          not null check (kind in ('USER', 'HOLD', 'PLATFORM_FEES', 'CHAIN_CUSTODY', 'SUSPENSE')),
    owner_id               text,
    balance                numeric(78,0) not null default 0,
    deposit_ref            bytea         unique check (deposit_ref is null or length(deposit_ref) = 32),
    chain_address          text          unique check (chain_address ~ '^0x[0-9a-f]{40}$'),
    low_balance_threshold  numeric(78,0) check (low_balance_threshold >= 0),
    low_balance_notified   boolean       not null default false,
    version                bigint        not null default 0,
    created_at             timestamptz   not null default now(),
    -- CHAIN_CUSTODY mirrors the treasury: it is debited by every deposit, so it runs negative; all else never does.
    constraint account_not_negative check (kind = 'CHAIN_CUSTODY' or balance >= 0),
    constraint account_custody_not_positive check (kind <> 'CHAIN_CUSTODY' or balance <= 0),
    constraint account_user_owned check ((kind in ('USER', 'HOLD')) = (owner_id is not null))
);
create unique index account_one_per_user on account (owner_id) where kind = 'USER';
create unique index account_singletons on account (kind) where kind in ('PLATFORM_FEES', 'CHAIN_CUSTODY', 'SUSPENSE');

insert into account (id, kind) values
    ('00000000-0000-0000-0000-00000000fee5', 'PLATFORM_FEES'),
    ('00000000-0000-0000-0000-0000c0570d10', 'CHAIN_CUSTODY'),
    ('00000000-0000-0000-0000-00005b5be115', 'SUSPENSE');

create table transfer (
    seq             bigserial     primary key,
    id              uuid          not null unique,
    debit_account   uuid          not null references account (id),
    credit_account  uuid          not null references account (id),
    amount          numeric(78,0) not null check (amount > 0),
    kind            text          not null check (kind in ('DEPOSIT', 'HOLD', 'CAPTURE', 'FEE', 'RELEASE',
                                                           'WITHDRAWAL', 'WITHDRAWAL_REVERSAL', 'UNMATCHED_DEPOSIT')),
    correlation_id  text          not null,
    reverses        uuid          references transfer (id),
    created_at      timestamptz   not null default now(),
    check (debit_account <> credit_account)
);
create index transfer_debit on transfer (debit_account, seq);
create index transfer_credit on transfer (credit_account, seq);
create index transfer_correlation on transfer (correlation_id);

create function transfer_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'ledger transfers are append-only: post a reversing transfer instead' using errcode = '55000';
end $$;
-- Statement level: the statement is refused even when it matches no row, and TRUNCATE too.
create trigger transfer_append_only before update or delete or truncate on transfer
    for each statement execute function transfer_append_only();

-- Both legs in one statement each, locking the two accounts in id order so opposite transfers cannot deadlock.
create function transfer_post() returns trigger language plpgsql as $$
begin
    if new.debit_account < new.credit_account then
        update account set balance = balance - new.amount where id = new.debit_account;
        update account set balance = balance + new.amount where id = new.credit_account;
    else
        update account set balance = balance + new.amount where id = new.credit_account;
        update account set balance = balance - new.amount where id = new.debit_account;
    end if;
    return new;
end $$;
create trigger transfer_post after insert on transfer for each row execute function transfer_post();

-- Escrow: one HOLD account per hold; its balance is what is still held.
create table hold (
    id                uuid          primary key,
    correlation_type  text          not null check (correlation_type in ('ORDER', 'LEASE')),
    correlation_id    uuid          not null,
    payer_id          text          not null,
    payer_account     uuid          not null references account (id),
    hold_account      uuid          not null references account (id),
    amount            numeric(78,0) not null check (amount >= 0),
    captured          numeric(78,0) not null default 0,
    fee               numeric(78,0) not null default 0,
    released          numeric(78,0) not null default 0,
    payee_id          text,
    state             text          not null check (state in ('HELD', 'CAPTURED', 'RELEASED')),
    version           bigint        not null default 0,
    created_at        timestamptz   not null,
    updated_at        timestamptz   not null,
    unique (correlation_type, correlation_id),
    check (captured + fee + released <= amount),
    check (state = 'HELD' or captured + fee + released = amount)
);
create index hold_payer on hold (payer_id, created_at desc, id);

-- Deposits seen on chain, keyed by (tx hash, log index): a log seen twice is credited once.
create table deposit (
    id            uuid          primary key,
    tx_hash       text          not null,
    log_index     integer       not null,
    block_number  bigint        not null,
    block_hash    text          not null,
    account_ref   bytea         not null,
    from_address  text          not null,
    amount        numeric(78,0) not null check (amount > 0),
    account_id    uuid          references account (id),
    owner_id      text,
    transfer_id   uuid          not null,
    state         text          not null check (state in ('CREDITED', 'UNMATCHED')),
    created_at    timestamptz   not null,
    unique (tx_hash, log_index)
);
create index deposit_owner on deposit (owner_id, created_at desc, id);

-- How far the deposit watcher has credited, and the newest head it has seen.
create table chain_cursor (
    name         text    primary key,
    block        bigint  not null,
    head_seen    bigint  not null default 0,
    updated_at   timestamptz not null default now()
);

-- Contracts the service talks to on this chain (configured, or deployed on a dev chain).
create table chain_contract (
    name        text primary key,
    address     text not null,
    chain_id    bigint not null,
    deployed_at timestamptz not null default now()
);

-- Every transaction the service signs, persisted before it is sent, so a restart re-sends the very same bytes
-- (same nonce, same hash) instead of paying twice.
create table chain_tx (
    id            uuid         primary key,
    purpose       text         not null check (purpose in ('PAYOUT', 'ANCHOR', 'DEPLOY')),
    sender        text         not null,
    nonce         bigint       not null,
    raw           text         not null,
    tx_hash       text         not null unique,
    state         text         not null check (state in ('SIGNED', 'SENT', 'MINED', 'REVERTED')),
    block_number  bigint,
    gas_used      bigint,
    attempts      integer      not null default 0,
    last_error    text,
    created_at    timestamptz  not null,
    updated_at    timestamptz  not null,
    unique (sender, nonce)
);
create index chain_tx_open on chain_tx (created_at) where state in ('SIGNED', 'SENT');

create table chain_nonce (
    sender  text   primary key,
    next    bigint not null
);

create table payout_batch (
    id          uuid         primary key,
    batch_ref   bytea        not null unique,
    chain_tx    uuid         not null references chain_tx (id),
    recipients  integer      not null,
    total       numeric(78,0) not null,
    state       text         not null check (state in ('SENT', 'COMPLETED', 'FAILED')),
    created_at  timestamptz  not null,
    updated_at  timestamptz  not null
);

create table withdrawal (
    id              uuid          primary key,
    account_id      uuid          not null references account (id),
    owner_id        text          not null,
    to_address      text          not null check (to_address ~ '^0x[0-9a-f]{40}$'),
    amount          numeric(78,0) not null check (amount > 0),
    state           text          not null check (state in ('REQUESTED', 'BATCHED', 'COMPLETED', 'FAILED')),
    batch_id        uuid          references payout_batch (id),
    transfer_id     uuid          not null,
    reversal_id     uuid,
    failure_reason  text,
    version         bigint        not null default 0,
    created_at      timestamptz   not null,
    updated_at      timestamptz   not null
);
create index withdrawal_owner on withdrawal (owner_id, created_at desc, id);
create index withdrawal_waiting on withdrawal (created_at) where state = 'REQUESTED';

-- Merkle anchors of the ledger; anchor_leaf says which transfers each anchor covers (transfers stay untouched).
create table anchor (
    id            uuid         primary key,
    root          bytea        not null,
    first_seq     bigint       not null,
    last_seq      bigint       not null,
    leaf_count    integer      not null,
    chain_tx      uuid         not null references chain_tx (id),
    chain_index   bigint,
    state         text         not null check (state in ('SENT', 'ANCHORED', 'FAILED')),
    created_at    timestamptz  not null,
    updated_at    timestamptz  not null
);
create table anchor_leaf (
    transfer_seq  bigint   primary key references transfer (seq),
    anchor_id     uuid     not null references anchor (id),
    leaf_index    integer  not null,
    unique (anchor_id, leaf_index)
);

-- Address-link challenges (EIP-191 personal_sign).
create table address_challenge (
    id          uuid         primary key,
    account_id  uuid         not null references account (id),
    message     text         not null,
    expires_at  timestamptz  not null,
    used        boolean      not null default false
);
