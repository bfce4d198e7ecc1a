-- Validators' stakes are escrow like any hold (USER → HOLD account), correlated to a stake id; reputation learns
-- them from StakeLocked / StakeReleased, so a stake is money actually held, not a declared number.
alter table hold drop constraint hold_correlation_type_check;
alter table hold add constraint hold_correlation_type_check check (correlation_type in ('ORDER', 'LEASE', 'STAKE'));
