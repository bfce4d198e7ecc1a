-- Every committed change to an asset row or to one of its plans notifies 'asset_changed' with the asset's id,
-- whoever made it (the service, an operator's SQL, a restore script): the replicas' in-memory caches drop what they
-- hold of that asset. Triggers rather than a call in each write path, so that no writer can forget it. PostgreSQL
-- sends notifications only on commit and folds repeats of one id within a transaction.
-- The trigger's argument names the column that holds the asset's id in the changed row.
create function notify_asset_changed() returns trigger language plpgsql as $$
begin
    perform pg_notify('asset_changed',
        to_jsonb(case when tg_op = 'DELETE' then old else new end) ->> tg_argv[0]);
    return null;
end
$$;

create trigger asset_changed after update or delete on asset
    for each row execute function notify_asset_changed('id');

create trigger plan_changed after insert or update or delete on pricing_plan
    for each row execute function notify_asset_changed('asset_id');

-- TRUNCATE fires no row triggers: it tells the replicas to drop everything (an empty payload is no asset id).
create function notify_assets_truncated() returns trigger language plpgsql as $$
begin
    perform pg_notify('asset_changed', '');
    return null;
end
$$;

create trigger assets_truncated after truncate on asset
    for each statement execute function notify_assets_truncated();

create trigger plans_truncated after truncate on pricing_plan
    for each statement execute function notify_assets_truncated();
