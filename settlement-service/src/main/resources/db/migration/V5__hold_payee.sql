-- The payee a hold may be captured to, taken from the event that placed it (OrderPlaced's seller, LeaseRequested's
-- provider). A capture naming anyone else is refused: settlement never pays whoever a later event names. Holds
-- placed before this column existed have none and keep the old behaviour; stakes never have a payee.
alter table hold add column expected_payee text;

drop function ledger_place_hold(text, uuid, text, numeric);

-- OrderPlaced / LeaseRequested / a validator's stake: moves p_amount from the payer's available balance into a
-- new escrow account, recording who may be paid from it. Outcomes: HELD, EXISTS (this correlation already has a
-- hold: a redelivery), NO_ACCOUNT, INSUFFICIENT_FUNDS (with the available balance).
create function ledger_place_hold(p_type text, p_correlation uuid, p_payer text, p_amount numeric,
                                  p_payee text default null)
returns table (outcome text, hold_id uuid, available numeric, low_balance jsonb)
language plpgsql as $$
#variable_conflict use_column
declare
    v_hold    hold%rowtype;
    v_payer   account%rowtype;
    v_escrow  uuid := gen_random_uuid();
    v_id      uuid := gen_random_uuid();
begin
    select * into v_hold from hold h where h.correlation_type = p_type and h.correlation_id = p_correlation for update;
    if found then
        return query select 'EXISTS'::text, v_hold.id, null::numeric, '[]'::jsonb;
        return;
    end if;
    select * into v_payer from account a where a.kind = 'USER' and a.owner_id = p_payer for update;
    if not found then
        return query select 'NO_ACCOUNT'::text, null::uuid, 0::numeric, '[]'::jsonb;
        return;
    end if;
    if v_payer.balance < p_amount then
        return query select 'INSUFFICIENT_FUNDS'::text, null::uuid, v_payer.balance, '[]'::jsonb;
        return;
    end if;
    insert into account (id, kind, owner_id) values (v_escrow, 'HOLD', p_payer);
    insert into hold (id, correlation_type, correlation_id, payer_id, payer_account, hold_account, amount, state,
                      expected_payee, created_at, updated_at)
    values (v_id, p_type, p_correlation, p_payer, v_payer.id, v_escrow, p_amount, 'HELD', p_payee, now(), now());
    if p_amount > 0 then
        insert into transfer (id, debit_account, credit_account, amount, kind, correlation_id)
        values (gen_random_uuid(), v_payer.id, v_escrow, p_amount, 'HOLD', p_correlation::text);
    end if;
    return query select 'HELD'::text, v_id, v_payer.balance - p_amount, ledger_watch_balances(array[v_payer.id]);
end $$;

-- LicenceGranted / LeaseEnded: as before, plus PAYEE_MISMATCH when the event names another payee than the hold
-- was placed for (nothing changes).
create or replace function ledger_capture_hold(p_type text, p_correlation uuid, p_payee text, p_amount numeric,
                                               p_fee numeric, p_payee_deposit_ref bytea)
returns table (outcome text, hold_id uuid, payer_id text, held numeric, released numeric, low_balance jsonb)
language plpgsql as $$
#variable_conflict use_column
declare
    v_hold   hold%rowtype;
    v_payee  uuid;
    v_rest   numeric;
    v_first  uuid;
    v_second uuid;
begin
    if p_fee < 0 or p_fee > p_amount then
        raise exception 'fee % is not within 0..%', p_fee, p_amount using errcode = '22023';
    end if;
    select * into v_hold from hold h where h.correlation_type = p_type and h.correlation_id = p_correlation for update;
    if not found then
        return query select 'MISSING'::text, null::uuid, null::text, null::numeric, null::numeric, '[]'::jsonb;
        return;
    end if;
    if v_hold.state <> 'HELD' then
        return query select v_hold.state || '_ALREADY', v_hold.id, v_hold.payer_id, v_hold.amount, v_hold.released, '[]'::jsonb;
        return;
    end if;
    if v_hold.expected_payee is not null and v_hold.expected_payee <> p_payee then
        return query select 'PAYEE_MISMATCH'::text, v_hold.id, v_hold.payer_id, v_hold.amount, null::numeric, '[]'::jsonb;
        return;
    end if;
    if p_amount > v_hold.amount then
        return query select 'EXCEEDS'::text, v_hold.id, v_hold.payer_id, v_hold.amount, null::numeric, '[]'::jsonb;
        return;
    end if;
    v_payee := ledger_open_user_account(p_payee, p_payee_deposit_ref);
    -- Two captures paying each other's accounts must not lock them in opposite orders (a deadlock PostgreSQL
    -- resolves by aborting one of them): the payee and the payer account are locked lowest id first.
    v_first := least(v_payee, v_hold.payer_account);
    v_second := greatest(v_payee, v_hold.payer_account);
    perform 1 from account a where a.id = v_first for update;
    perform 1 from account a where a.id = v_second for update;
    v_rest := v_hold.amount - p_amount;
    update hold set payee_id = p_payee, captured = p_amount - p_fee, fee = p_fee, released = v_rest,
                    state = 'CAPTURED', updated_at = now(), version = version + 1
    where id = v_hold.id;
    insert into transfer (id, debit_account, credit_account, amount, kind, correlation_id)
    select gen_random_uuid(), v_hold.hold_account, leg.credit, leg.amount, leg.kind, p_correlation::text
    from (values (1, v_payee, p_amount - p_fee, 'CAPTURE'),
                 (2, (select f.account from fee_shard f where f.shard = hashtext(p_correlation::text) & 15), p_fee, 'FEE'),
                 (3, v_hold.payer_account, v_rest, 'RELEASE')) leg (ord, credit, amount, kind)
    where leg.amount > 0
    order by leg.ord;
    return query select 'CAPTURED'::text, v_hold.id, v_hold.payer_id, v_hold.amount, v_rest,
                        ledger_watch_balances(array[v_payee, v_hold.payer_account]);
end $$;
