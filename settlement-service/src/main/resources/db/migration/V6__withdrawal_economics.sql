-- Withdrawals pay for their share of the payout's gas: a fee per withdrawal, posted to the platform's fee account
-- and given back when the payout reverts.
alter table transfer drop constraint transfer_kind_check;
alter table transfer add constraint transfer_kind_check check (kind in ('DEPOSIT', 'HOLD', 'CAPTURE', 'FEE', 'RELEASE',
    'WITHDRAWAL', 'WITHDRAWAL_REVERSAL', 'UNMATCHED_DEPOSIT', 'WITHDRAWAL_FEE', 'WITHDRAWAL_FEE_REVERSAL'));

alter table withdrawal add column fee numeric(78,0) not null default 0 check (fee >= 0);
alter table withdrawal add column fee_transfer_id uuid;
alter table withdrawal add column fee_reversal_id uuid;
alter table withdrawal add constraint withdrawal_fee_booked check ((fee = 0) = (fee_transfer_id is null));

-- The per-account cap on open withdrawals counts these.
create index withdrawal_open on withdrawal (account_id) where state in ('REQUESTED', 'BATCHED');
