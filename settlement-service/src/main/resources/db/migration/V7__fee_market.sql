-- Transactions are signed as EIP-1559 (type 2) with what is needed to sign them again at the same nonce with a
-- higher fee when they do not mine; every version is stored before it is sent, so whichever one mines is known.
alter table chain_tx add column to_address   text;
alter table chain_tx add column data         text;
alter table chain_tx add column gas_limit    numeric(78,0);
alter table chain_tx add column max_fee      numeric(78,0);
alter table chain_tx add column priority_fee numeric(78,0);
alter table chain_tx add column signed_at    timestamptz;
alter table chain_tx add column replacements integer not null default 0 check (replacements >= 0);
update chain_tx set signed_at = created_at;
alter table chain_tx alter column signed_at set not null;

create table chain_tx_version (
    tx_hash      text          primary key check (tx_hash ~ '^0x[0-9a-f]{64}$'),
    chain_tx     uuid          not null references chain_tx (id),
    raw          text          not null,
    max_fee      numeric(78,0),
    priority_fee numeric(78,0),
    created_at   timestamptz   not null default now()
);
create index chain_tx_version_of on chain_tx_version (chain_tx, created_at);
insert into chain_tx_version (tx_hash, chain_tx, raw, created_at) select lower(tx_hash), id, raw, created_at from chain_tx;
