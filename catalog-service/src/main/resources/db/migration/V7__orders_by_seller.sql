-- Sellers list the orders for their assets (GET /v1/orders?role=seller), newest first, like buyers list theirs.
create index customer_order_seller on customer_order (seller_id, created_at desc, id);
