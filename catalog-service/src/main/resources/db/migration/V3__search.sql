-- Full-text search: name (A), tags (B), summary (C), description (D). array_to_string is not immutable, so a
-- trigger keeps the vector instead of a generated column.
alter table asset add column search_vector tsvector;
alter table asset add column min_price numeric(78,0);   -- lowest ACTIVE plan price, kept by a trigger

create function asset_search_vector() returns trigger language plpgsql as $$
begin
  new.search_vector :=
      setweight(to_tsvector('english', coalesce(new.name, '')), 'A')
   || setweight(to_tsvector('english', coalesce(array_to_string(new.tags, ' '), '')), 'B')
   || setweight(to_tsvector('english', coalesce(new.summary, '')), 'C')
   || setweight(to_tsvector('english', coalesce(new.description, '')), 'D');
  return new;
end $$;
create trigger asset_search_vector before insert or update of name, tags, summary, description on asset
  for each row execute function asset_search_vector();
update asset set name = name;

create function asset_min_price() returns trigger language plpgsql as $$
begin
  update asset set min_price = (select min(price) from pricing_plan where asset_id = new.asset_id and state = 'ACTIVE')
   where id = new.asset_id;
  return null;
end $$;
create trigger asset_min_price after insert or update of state on pricing_plan
  for each row execute function asset_min_price();

-- Reputation as catalog knows it, from reputation's events (AssetScoreChanged, AssetVerified).
create table asset_reputation (
    asset_id      uuid          primary key,
    score         numeric(5,4)  check (score between 0 and 1),
    score_as_of   timestamptz,
    verified      boolean       not null default false,
    verified_at   timestamptz
);

create index asset_search on asset using gin (search_vector) where state = 'PUBLISHED';
create index asset_published_newest on asset (published_at desc, id) where state = 'PUBLISHED';
create index asset_published_price on asset (min_price, id) where state = 'PUBLISHED';
create index asset_tags on asset using gin (tags) where state = 'PUBLISHED';
