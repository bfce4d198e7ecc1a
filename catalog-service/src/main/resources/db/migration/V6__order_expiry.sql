-- The expiry pass looks for orders still waiting for payment, oldest first.
create index customer_order_pending on customer_order (created_at) where state = 'PENDING_PAYMENT';
