-- Deposits to no known reference wait in SUSPENSE until an operator resolves them: credited to the user they
-- belong to, or refunded on chain. Who decided, when and why is kept on the deposit; the money moves by transfer.
alter table transfer drop constraint transfer_kind_check;
alter table transfer add constraint transfer_kind_check check (kind in ('DEPOSIT', 'HOLD', 'CAPTURE', 'FEE', 'RELEASE',
    'WITHDRAWAL', 'WITHDRAWAL_REVERSAL', 'UNMATCHED_DEPOSIT', 'WITHDRAWAL_FEE', 'WITHDRAWAL_FEE_REVERSAL', 'SUSPENSE_CREDIT'));

alter table deposit drop constraint deposit_state_check;
alter table deposit add constraint deposit_state_check check (state in ('CREDITED', 'UNMATCHED', 'RESOLVED'));
alter table deposit add column resolution          text check (resolution in ('CREDIT', 'REFUND'));
alter table deposit add column resolved_by         text;
alter table deposit add column resolved_at         timestamptz;
alter table deposit add column resolution_reason   text;
alter table deposit add column resolution_transfer uuid;
alter table deposit add column refund_withdrawal   uuid references withdrawal (id);
alter table deposit add constraint deposit_resolution_recorded check ((state = 'RESOLVED') = (resolution is not null
    and resolved_by is not null and resolved_at is not null and resolution_reason is not null and resolution_transfer is not null));
alter table deposit add constraint deposit_refund_has_withdrawal check ((resolution = 'REFUND') = (refund_withdrawal is not null));
