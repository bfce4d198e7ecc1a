-- 100,000 published assets with deterministic ids md5(n)::uuid, names with one of 50 search words, for
-- bench/catalog-reads. Idempotent: rows that exist are left alone.
insert into asset (id, owner_id, kind, name, summary, tags, state, created_at, updated_at, published_at, description)
select md5(n::text)::uuid, 'bench-owner-' || (n % 100), (array['MODEL','DATASET','SERVICE'])[1 + n % 3],
       'Bench asset ' || n || ' word' || (1 + n % 50), 'generated for benchmarks word' || (1 + (n * 7) % 50),
       array['bench', 'tag' || (n % 20)], 'PUBLISHED', now(), now(), now() - (n || ' seconds')::interval, ''
from generate_series(1, 100000) n
on conflict (id) do nothing;
analyze asset;
