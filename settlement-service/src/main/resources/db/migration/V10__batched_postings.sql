-- Group commit for the sagas (issue 24): a consumer applies a whole poll of saga events in one transaction, and
-- their postings in one call. Each step is still the one implementation of its posting (ledger_place_hold,
-- ledger_capture_hold, ledger_release_hold), run in the batch's order, so per-correlation order and every
-- invariant of a single step hold; what a batch saves is the round trips, statements and commits around them.
--
-- Two batches run at once (the order and the lease channels, or several replicas), each locking many accounts:
-- taken in the steps' order those locks would deadlock, and each deadlock costs deadlock_timeout before
-- PostgreSQL aborts one side. So the accounts a batch will lock that already exist (payers, payees, the payer
-- accounts of captured or released holds, the fee shards its captures credit) are locked first, lowest id
-- first, as ledger_capture_hold does for its two accounts.
--
-- Arguments are parallel arrays, one element per step; text, so that every driver binds them alike:
--   op PLACE | CAPTURE | RELEASE, correlation type, correlation id, party (payer of a PLACE, payee of a CAPTURE),
--   payee (the payee a PLACE records), amount, fee (CAPTURE), payee deposit reference as hex (CAPTURE).
-- Returns one row per step, ord being its 1-based position; columns a step has no value for are null.
create function ledger_apply_steps(p_ops text[], p_types text[], p_correlations text[], p_parties text[],
                                   p_payees text[], p_amounts text[], p_fees text[], p_refs text[])
returns table (ord integer, outcome text, hold_id uuid, payer_id text, available numeric, held numeric,
               released numeric, low_balance jsonb)
language plpgsql as $$
#variable_conflict use_column
declare
    v_n  integer := coalesce(array_length(p_ops, 1), 0);
    v_p  record;
    v_s  record;
begin
    if array_length(p_types, 1) is distinct from array_length(p_ops, 1)
       or array_length(p_correlations, 1) is distinct from array_length(p_ops, 1)
       or array_length(p_parties, 1) is distinct from array_length(p_ops, 1)
       or array_length(p_payees, 1) is distinct from array_length(p_ops, 1)
       or array_length(p_amounts, 1) is distinct from array_length(p_ops, 1)
       or array_length(p_fees, 1) is distinct from array_length(p_ops, 1)
       or array_length(p_refs, 1) is distinct from array_length(p_ops, 1) then
        raise exception 'ledger_apply_steps: the argument arrays differ in length' using errcode = '22023';
    end if;
    perform 1 from account a
    where a.id in (select u.id from account u where u.kind = 'USER' and u.owner_id = any (p_parties)
                   union
                   select h.payer_account
                   from unnest(p_ops, p_types, p_correlations) s (op, type, corr)
                   join hold h on h.correlation_type = s.type and h.correlation_id = s.corr::uuid
                   where s.op <> 'PLACE'
                   union
                   select f.account
                   from unnest(p_ops, p_correlations) s (op, corr)
                   join fee_shard f on f.shard = hashtext(s.corr::uuid::text) & 15
                   where s.op = 'CAPTURE')
    order by a.id
    for update;
    for i in 1 .. v_n loop
        case p_ops[i]
        when 'PLACE' then
            select * into v_p from ledger_place_hold(p_types[i], p_correlations[i]::uuid, p_parties[i],
                                                     p_amounts[i]::numeric, p_payees[i]);
            return query select i, v_p.outcome, v_p.hold_id, p_parties[i], v_p.available, null::numeric,
                                null::numeric, v_p.low_balance;
        when 'CAPTURE' then
            select * into v_s from ledger_capture_hold(p_types[i], p_correlations[i]::uuid, p_parties[i],
                                                       p_amounts[i]::numeric, p_fees[i]::numeric,
                                                       decode(p_refs[i], 'hex'));
            return query select i, v_s.outcome, v_s.hold_id, v_s.payer_id, null::numeric, v_s.held, v_s.released,
                                v_s.low_balance;
        when 'RELEASE' then
            select * into v_s from ledger_release_hold(p_types[i], p_correlations[i]::uuid);
            return query select i, v_s.outcome, v_s.hold_id, v_s.payer_id, null::numeric, v_s.held, v_s.held,
                                v_s.low_balance;
        else
            raise exception 'ledger_apply_steps: unknown step %', p_ops[i] using errcode = '22023';
        end case;
    end loop;
end $$;
