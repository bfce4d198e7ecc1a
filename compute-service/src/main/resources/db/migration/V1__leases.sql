-- Leases of GPU capacity. Offers, matching and the lease lifecycle are built on this table (issue 4).
create table lease (
    id                  uuid         primary key,
    renter_id           text         not null,
    offer_id            uuid         not null,
    gpus                integer      not null check (gpus > 0),
    hours               integer      not null check (hours > 0),
    price_per_gpu_hour  numeric(78,0) not null check (price_per_gpu_hour >= 0),
    max_amount          numeric(78,0) not null check (max_amount >= 0),
    state               text         not null check (state in ('REQUESTED','ACTIVE','COMPLETED','CANCELLED','FAILED','EXPIRED')),
    termination_reason  text,
    version             bigint       not null default 0,
    created_at          timestamptz  not null,
    updated_at          timestamptz  not null
);
create index lease_renter on lease (renter_id, created_at desc, id);
create index lease_offer_open on lease (offer_id) where state in ('REQUESTED', 'ACTIVE');
