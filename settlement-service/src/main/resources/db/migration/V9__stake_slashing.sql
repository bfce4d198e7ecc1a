-- Slashing: a validator whose attestation fell outside a round's consensus loses part of a stake to the insurance
-- account (reputation's ValidatorPenalised, answered with StakeSlashed). The stake's hold stays HELD with less in
-- it; releasing it later returns what was not slashed.
alter table account drop constraint account_kind_check;
alter table account add constraint account_kind_check check (kind in ('USER', 'HOLD', 'PLATFORM_FEES', 'CHAIN_CUSTODY',
    'SUSPENSE', 'INSURANCE'));
drop index account_singletons;
create unique index account_singletons on account (kind) where kind in ('CHAIN_CUSTODY', 'SUSPENSE', 'INSURANCE');
insert into account (id, kind) values ('00000000-0000-0000-0000-0000000051a5', 'INSURANCE');

alter table transfer drop constraint transfer_kind_check;
alter table transfer add constraint transfer_kind_check check (kind in ('DEPOSIT', 'HOLD', 'CAPTURE', 'FEE', 'RELEASE',
    'WITHDRAWAL', 'WITHDRAWAL_REVERSAL', 'UNMATCHED_DEPOSIT', 'WITHDRAWAL_FEE', 'WITHDRAWAL_FEE_REVERSAL', 'SUSPENSE_CREDIT',
    'SLASH'));

alter table hold add column slashed numeric(78,0) not null default 0 check (slashed >= 0);
alter table hold drop constraint hold_check;
alter table hold drop constraint hold_check1;
alter table hold add constraint hold_within_amount check (captured + fee + released + slashed <= amount);
alter table hold add constraint hold_settled_in_full check (state = 'HELD' or captured + fee + released + slashed = amount);
alter table hold add constraint hold_only_stakes_slashed check (slashed = 0 or correlation_type = 'STAKE');

-- Validators' stakes that weigh in a round not yet closed: such a stake cannot be released. Closed rounds are
-- remembered so that an attestation read after its round's close (a replay) locks nothing.
create table stake_commitment (
    validator_id  text         not null,
    version_id    uuid         not null,
    created_at    timestamptz  not null default now(),
    primary key (validator_id, version_id)
);
create index stake_commitment_version on stake_commitment (version_id);
create table attestation_round_closed (
    version_id  uuid         primary key,
    closed_at   timestamptz  not null default now()
);

-- A release returns what is left after slashes.
create or replace function ledger_release_hold(p_type text, p_correlation uuid)
returns table (outcome text, hold_id uuid, payer_id text, held numeric, low_balance jsonb)
language plpgsql as $$
#variable_conflict use_column
declare
    v_hold hold%rowtype;
    v_rest numeric;
begin
    select * into v_hold from hold h where h.correlation_type = p_type and h.correlation_id = p_correlation for update;
    if not found then
        return query select 'MISSING'::text, null::uuid, null::text, null::numeric, '[]'::jsonb;
        return;
    end if;
    if v_hold.state <> 'HELD' then
        return query select v_hold.state || '_ALREADY', v_hold.id, v_hold.payer_id, v_hold.amount, '[]'::jsonb;
        return;
    end if;
    v_rest := v_hold.amount - v_hold.slashed;
    update hold set released = v_rest, state = 'RELEASED', updated_at = now(), version = version + 1
    where id = v_hold.id;
    if v_rest > 0 then
        insert into transfer (id, debit_account, credit_account, amount, kind, correlation_id)
        values (gen_random_uuid(), v_hold.hold_account, v_hold.payer_account, v_rest, 'RELEASE', p_correlation::text);
    end if;
    return query select 'RELEASED'::text, v_hold.id, v_hold.payer_id, v_hold.amount,
                        ledger_watch_balances(array[v_hold.payer_account]);
end $$;

-- ValidatorPenalised: moves up to p_amount of a held stake to insurance. Outcomes: SLASHED (with what was taken,
-- never more than is left), MISSING, RELEASED_ALREADY (the stake left before the penalty arrived: nothing moves).
create function ledger_slash_stake(p_stake uuid, p_amount numeric)
returns table (outcome text, slashed numeric)
language plpgsql as $$
#variable_conflict use_column
declare
    v_hold  hold%rowtype;
    v_take  numeric;
begin
    if p_amount <= 0 then
        raise exception 'slash % is not positive', p_amount using errcode = '22023';
    end if;
    select * into v_hold from hold h where h.correlation_type = 'STAKE' and h.correlation_id = p_stake for update;
    if not found then
        return query select 'MISSING'::text, 0::numeric;
        return;
    end if;
    if v_hold.state <> 'HELD' then
        return query select v_hold.state || '_ALREADY', 0::numeric;
        return;
    end if;
    v_take := least(p_amount, v_hold.amount - v_hold.slashed);
    if v_take > 0 then
        update hold set slashed = slashed + v_take, updated_at = now(), version = version + 1 where id = v_hold.id;
        insert into transfer (id, debit_account, credit_account, amount, kind, correlation_id)
        values (gen_random_uuid(), v_hold.hold_account, '00000000-0000-0000-0000-0000000051a5', v_take, 'SLASH',
                p_stake::text);
    end if;
    return query select 'SLASHED'::text, v_take;
end $$;
