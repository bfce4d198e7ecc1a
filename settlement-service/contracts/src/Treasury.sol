// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";

/// @notice Custody of the marketplace's ERC-20 funds. Users deposit to their account reference; the settlement
/// service pays withdrawals in batches and anchors the Merkle root of its ledger so anyone can verify a transfer.
/// @dev Roles are split so that the hot key the service signs with (PAYOUT_ROLE, ANCHOR_ROLE) cannot change roles,
/// limits or unpause: DEFAULT_ADMIN_ROLE belongs to a timelock or multisig address. Every withdrawal id is paid at
/// most once whatever the service's database remembers, so a database restored from a backup cannot pay twice.
contract Treasury is AccessControl, Pausable, ReentrancyGuard {
    using SafeERC20 for IERC20;

    bytes32 public constant PAYOUT_ROLE = keccak256("PAYOUT_ROLE");
    bytes32 public constant ANCHOR_ROLE = keccak256("ANCHOR_ROLE");
    bytes32 public constant PAUSER_ROLE = keccak256("PAUSER_ROLE");
    /// Domain of a ledger leaf: no other structure hashed by anyone else can pass for a transfer of this ledger.
    bytes32 public constant LEAF_DOMAIN = keccak256("ai-marketplace.ledger-transfer.v2");

    struct Anchor {
        bytes32 root;
        uint64 fromSeq;
        uint64 toSeq;
        uint64 anchoredAt;
    }

    /// A ledger transfer as the settlement service anchors it; UUIDs as their 16 bytes.
    struct LedgerTransfer {
        uint64 seq;
        bytes16 id;
        bytes16 debitAccount;
        bytes16 creditAccount;
        uint256 amount;
        string kind;
        string correlationId;
    }

    IERC20 public immutable token;
    Anchor[] private _anchors;
    /// Withdrawal id → paid. Checked and set for every id a payout carries.
    mapping(bytes32 => bool) public withdrawalPaid;
    /// At most `payoutCap` base units leave per `payoutPeriod` seconds (0 = no cap): a stolen hot key drains no more.
    uint256 public payoutCap;
    uint64 public payoutPeriod;
    uint64 public periodStart;
    uint256 public paidInPeriod;

    event Deposited(bytes32 indexed accountRef, address indexed from, uint256 amount);
    event PayoutBatchPaid(bytes32 indexed batchId, uint256 recipients, uint256 total);
    /// One per withdrawal id: lets the service find the payout of a withdrawal its database no longer remembers.
    event WithdrawalPaid(bytes32 indexed withdrawalId);
    event LedgerAnchored(uint256 indexed index, bytes32 root, uint64 fromSeq, uint64 toSeq);
    event PayoutCapChanged(uint256 cap, uint64 period);

    error WithdrawalAlreadyPaid(bytes32 withdrawalId);
    error LengthMismatch();
    error ZeroAmount();
    error EmptyRange();
    error RangeNotContiguous(uint64 expectedFromSeq);
    error PayoutCapExceeded(uint256 remaining);

    constructor(IERC20 token_, address admin, address operator) {
        token = token_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(PAUSER_ROLE, admin);
        _grantRole(PAUSER_ROLE, operator);
        _grantRole(PAYOUT_ROLE, operator);
        _grantRole(ANCHOR_ROLE, operator);
    }

    /// Moves `amount` from the sender (after approve) into custody; credits what actually arrived, so a token that
    /// takes a fee on transfer or rebases cannot over-credit the ledger.
    function deposit(bytes32 accountRef, uint256 amount) external nonReentrant whenNotPaused {
        if (amount == 0) revert ZeroAmount();
        uint256 before = token.balanceOf(address(this));
        token.safeTransferFrom(msg.sender, address(this), amount);
        uint256 received = token.balanceOf(address(this)) - before;
        if (received == 0) revert ZeroAmount();
        emit Deposited(accountRef, msg.sender, received);
    }

    /// Pays many withdrawals in one transaction. Transfer i pays `counts[i]` consecutive ids of `withdrawalIds`
    /// (one account's withdrawals merged into one transfer); any id paid before reverts the whole batch.
    function payoutBatch(
        bytes32 batchId,
        address[] calldata recipients,
        uint256[] calldata amounts,
        bytes32[] calldata withdrawalIds,
        uint32[] calldata counts
    ) external onlyRole(PAYOUT_ROLE) nonReentrant whenNotPaused {
        if (recipients.length != amounts.length || recipients.length != counts.length) revert LengthMismatch();
        uint256 k;
        uint256 total;
        for (uint256 i = 0; i < recipients.length; i++) {
            for (uint256 end = k + counts[i]; k < end; k++) {
                bytes32 id = withdrawalIds[k];
                if (withdrawalPaid[id]) revert WithdrawalAlreadyPaid(id);
                withdrawalPaid[id] = true;
                emit WithdrawalPaid(id);
            }
            total += amounts[i];
        }
        if (k != withdrawalIds.length) revert LengthMismatch();
        _spend(total);
        for (uint256 i = 0; i < recipients.length; i++) {
            token.safeTransfer(recipients[i], amounts[i]);
        }
        emit PayoutBatchPaid(batchId, recipients.length, total);
    }

    /// Which of `ids` are paid: what the service asks before it batches, to find payouts its database forgot.
    function paidOf(bytes32[] calldata ids) external view returns (bool[] memory paid) {
        paid = new bool[](ids.length);
        for (uint256 i = 0; i < ids.length; i++) {
            paid[i] = withdrawalPaid[ids[i]];
        }
    }

    function setPayoutCap(uint256 cap, uint64 period) external onlyRole(DEFAULT_ADMIN_ROLE) {
        payoutCap = cap;
        payoutPeriod = period;
        periodStart = uint64(block.timestamp);
        paidInPeriod = 0;
        emit PayoutCapChanged(cap, period);
    }

    function pause() external onlyRole(PAUSER_ROLE) {
        _pause();
    }

    /// Only the admin resumes: a paused hot key cannot undo its own pause.
    function unpause() external onlyRole(DEFAULT_ADMIN_ROLE) {
        _unpause();
    }

    /// Records the Merkle root of ledger transfers fromSeq..toSeq (inclusive); each range starts where the last ended.
    function anchor(bytes32 root, uint64 fromSeq, uint64 toSeq) external onlyRole(ANCHOR_ROLE) returns (uint256 index) {
        if (toSeq < fromSeq) revert EmptyRange();
        index = _anchors.length;
        if (index > 0 && fromSeq != _anchors[index - 1].toSeq + 1) revert RangeNotContiguous(_anchors[index - 1].toSeq + 1);
        _anchors.push(Anchor(root, fromSeq, toSeq, uint64(block.timestamp)));
        emit LedgerAnchored(index, root, fromSeq, toSeq);
    }

    function anchorCount() external view returns (uint256) {
        return _anchors.length;
    }

    function anchorAt(uint256 index) external view returns (bytes32 root, uint64 fromSeq, uint64 toSeq, uint64 anchoredAt) {
        Anchor storage a = _anchors[index];
        return (a.root, a.fromSeq, a.toSeq, a.anchoredAt);
    }

    /// The leaf of a ledger transfer, hashed twice over its domain-separated fields (OpenZeppelin's advice), so no
    /// inner node of a tree can be presented as a transfer.
    function leafOf(LedgerTransfer calldata t) public pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(LEAF_DOMAIN, t.seq, t.id, t.debitAccount, t.creditAccount,
            t.amount, keccak256(bytes(t.kind)), keccak256(bytes(t.correlationId))))));
    }

    /// True when the transfer is in the tree anchored at `index` and its sequence number in that anchor's range.
    function verifyTransfer(uint256 index, LedgerTransfer calldata t, bytes32[] calldata proof) external view returns (bool) {
        Anchor storage a = _anchors[index];
        return t.seq >= a.fromSeq && t.seq <= a.toSeq && MerkleProof.verifyCalldata(proof, a.root, leafOf(t));
    }

    function _spend(uint256 amount) private {
        if (payoutCap == 0) return;
        if (block.timestamp >= periodStart + payoutPeriod) {
            periodStart = uint64(block.timestamp);
            paidInPeriod = 0;
        }
        if (paidInPeriod + amount > payoutCap) revert PayoutCapExceeded(payoutCap - paidInPeriod);
        paidInPeriod += amount;
    }
}
