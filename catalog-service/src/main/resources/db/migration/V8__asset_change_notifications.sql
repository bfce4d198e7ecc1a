-- Every committed change to an asset row notifies 'asset_changed' with the asset's id, whoever made it (the service,
-- an operator's SQL, a restore script): the replicas' in-memory asset caches drop that entry. A trigger rather than
-- a call in each write path, so that no writer can forget it. PostgreSQL sends notifications only on commit and
-- folds repeats of one id within a transaction.
create function notify_asset_changed() returns trigger language plpgsql as $$
begin
    perform pg_notify('asset_changed', coalesce(new.id, old.id)::text);
    return null;
end
$$;

create trigger asset_changed after update or delete on asset
    for each row execute function notify_asset_changed();
