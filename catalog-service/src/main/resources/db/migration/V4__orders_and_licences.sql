-- Orders keep a snapshot of the plan they were placed on; plans never change anyway, but the order must not
-- depend on that.
create table customer_order (
    id            uuid          primary key,
    buyer_id      text          not null,
    seller_id     text          not null,
    asset_id      uuid          not null references asset (id),
    plan_id       uuid          not null references pricing_plan (id),
    plan_type     text          not null check (plan_type in ('ONE_TIME', 'PAY_PER_USE', 'SUBSCRIPTION')),
    unit_price    numeric(78,0) not null check (unit_price > 0),
    units         bigint        not null check (units > 0),
    unit          text,
    period_days   integer,
    amount        numeric(78,0) not null check (amount > 0),
    state         text          not null check (state in ('PENDING_PAYMENT', 'PAID', 'FULFILLED', 'CANCELLED', 'REFUNDED')),
    cancel_reason text,
    version       bigint        not null default 0,
    created_at    timestamptz   not null,
    updated_at    timestamptz   not null,
    check (buyer_id <> seller_id)
);
create index customer_order_buyer on customer_order (buyer_id, created_at desc, id);

-- One licence per order, whatever happens upstream (the unique constraint backs the inbox).
create table licence (
    id          uuid        primary key,
    order_id    uuid        not null unique references customer_order (id),
    holder_id   text        not null,
    asset_id    uuid        not null references asset (id),
    plan_type   text        not null,
    units       bigint      not null,
    valid_from  timestamptz not null,
    valid_until timestamptz,
    state       text        not null check (state in ('ACTIVE', 'REVOKED')),
    created_at  timestamptz not null
);
create index licence_holder on licence (holder_id, created_at desc, id);
