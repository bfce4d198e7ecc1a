-- A deposit is identified by its transaction and its place among that transaction's Deposited logs, not by the
-- block-wide log index: a transaction re-mined in another block after a reorganisation keeps its hash and the
-- order of its own logs, while its block-wide log index can change. Crediting it again would pay twice.
alter table deposit add column tx_log_ordinal integer;
update deposit d set tx_log_ordinal = o.n
from (select id, (row_number() over (partition by tx_hash order by log_index) - 1)::integer as n from deposit) o
where o.id = d.id;
alter table deposit alter column tx_log_ordinal set not null;
alter table deposit add constraint deposit_ordinal_non_negative check (tx_log_ordinal >= 0);
alter table deposit drop constraint deposit_tx_hash_log_index_key;
alter table deposit add constraint deposit_once_per_log unique (tx_hash, tx_log_ordinal);

-- The last blocks a chain cursor has read up to, with their hash then. When one of them is no longer the canonical
-- block at its height, the chain forked below the cursor: it rewinds to the newest block still canonical and reads
-- again instead of skipping what the new branch holds.
create table chain_checkpoint (
    cursor_name text        not null references chain_cursor (name),
    block       bigint      not null check (block >= 0),
    block_hash  text        not null check (block_hash ~ '^0x[0-9a-f]{64}$'),
    created_at  timestamptz not null default now(),
    primary key (cursor_name, block)
);
