-- Attestation rounds: a version's round opens with its first attestation, may be decided once its window has
-- passed, and closes undecided (NO_QUORUM) when it reaches its expiry without a quorum. A closed round takes no
-- more attestations. Settlement keeps the attesters' stakes locked until the round closes.
create table attestation_round (
    version_id    uuid         primary key references asset_version_projection (version_id),
    asset_id      uuid         not null,
    opened_at     timestamptz  not null,
    decide_after  timestamptz  not null,
    expires_at    timestamptz  not null,
    -- When the round timer looks at it next: when its window passes, then (left open) at its expiry; an
    -- attestation after the window decides it on the spot.
    next_check    timestamptz  not null,
    outcome       text         check (outcome in ('VERIFIED', 'DISPUTED', 'NO_QUORUM')),
    closed_at     timestamptz,
    check ((outcome is null) = (closed_at is null)),
    check (decide_after >= opened_at and expires_at >= decide_after)
);
create index attestation_round_due on attestation_round (next_check) where closed_at is null;

-- Rounds for attestations made before rounds existed: decided ones closed with their outcome, the rest due now.
insert into attestation_round (version_id, asset_id, opened_at, decide_after, expires_at, next_check, outcome, closed_at)
select v.version_id, v.asset_id, min(a.created_at), min(a.created_at), min(a.created_at) + interval '7 days', now(),
       c.outcome, c.decided_at
from attestation a
join asset_version_projection v on v.version_id = a.version_id
left join version_consensus c on c.version_id = a.version_id
group by v.version_id, v.asset_id, c.outcome, c.decided_at;

-- What settlement has slashed of a stake (StakeSlashed); validator.stake is what is neither released nor slashed.
alter table validator_stake add column slashed numeric(78,0) not null default 0;
alter table validator_stake add constraint validator_stake_slash_within check (slashed >= 0 and slashed <= amount);
