-- Lease lifecycle (design.md §4.2): payment hold, term, metered usage, enumerated termination reasons.
alter table lease add column hold_id uuid;
alter table lease add column activated_at timestamptz;
alter table lease add column ends_at timestamptz;
alter table lease add column ended_at timestamptz;
alter table lease add column used_gpu_seconds bigint not null default 0;
alter table lease add column usage_reported_at timestamptz;
alter table lease add column used_amount numeric(78,0);
alter table lease add column termination_detail text;
alter table lease add constraint lease_used_within_term check (used_gpu_seconds between 0 and gpus::bigint * hours * 3600);
alter table lease add constraint lease_termination_reason check (termination_reason in (
    'TERM_ENDED', 'RENTER_ENDED', 'RENTER_CANCELLED', 'PAYMENT_FAILED', 'HOLD_MISMATCH', 'ACTIVATION_TIMEOUT',
    'PROVIDER_UNRESPONSIVE', 'PROVIDER_FAULT'));
-- A lease is terminal exactly when it carries a reason; an active one has its term.
alter table lease add constraint lease_terminal_has_reason check ((state in ('REQUESTED', 'ACTIVE')) = (termination_reason is null));
alter table lease add constraint lease_active_has_term check (state <> 'ACTIVE' or (activated_at is not null and ends_at is not null));

-- The timers' scans: requests waiting for payment, and running leases by end of term / offer.
create index lease_requested_since on lease (created_at) where state = 'REQUESTED';
create index lease_active_until on lease (ends_at) where state = 'ACTIVE';
create index lease_active_offer on lease (offer_id) where state = 'ACTIVE';

-- Heartbeats of the provider's node agent. An offer is published by a present provider: that counts as the
-- first heartbeat.
alter table offer add column healthy boolean not null default true;
alter table offer add column reported_free_gpus integer check (reported_free_gpus between 0 and 1024);
update offer set last_heartbeat_at = created_at where last_heartbeat_at is null;
alter table offer alter column last_heartbeat_at set not null;

-- Provider scores projected from reputation's ProviderScoreChanged; newer events win.
create table provider_score (
    provider_id text          primary key,
    score       numeric(5,4)  not null check (score between 0 and 1),
    scored_at   timestamptz   not null
);

-- Ranking price: the price per GPU-hour weighted by the provider's score, from 1.0x (score 1) to 1.5x (score 0);
-- a provider without a score yet ranks as 0.5 (1.25x). It orders offers only; leases are charged the real price.
create function offer_rank_price(price numeric, score numeric) returns numeric
    language sql immutable as $$ select round(price * (1.5 - 0.5 * coalesce(score, 0.5)), 4) $$;

alter table offer add column rank_price numeric;
update offer o set rank_price = offer_rank_price(o.price_per_gpu_hour,
    (select s.score from provider_score s where s.provider_id = o.provider_id));
alter table offer alter column rank_price set not null;

create function offer_set_rank_price() returns trigger language plpgsql as $$
begin
    new.rank_price := offer_rank_price(new.price_per_gpu_hour,
        (select s.score from provider_score s where s.provider_id = new.provider_id));
    return new;
end $$;
create trigger offer_rank_price before insert or update of price_per_gpu_hour, provider_id on offer
    for each row execute function offer_set_rank_price();

drop index offer_market;
create index offer_market on offer (rank_price, id) where state = 'ONLINE';
