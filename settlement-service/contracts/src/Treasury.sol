// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";

/// @notice Custody of the marketplace's ERC-20 funds. Users deposit to their account reference; the settlement
/// service pays withdrawals in batches and anchors the Merkle root of its ledger so anyone can verify a transfer.
contract Treasury is AccessControl, ReentrancyGuard {
    using SafeERC20 for IERC20;

    bytes32 public constant PAYOUT_ROLE = keccak256("PAYOUT_ROLE");
    bytes32 public constant ANCHOR_ROLE = keccak256("ANCHOR_ROLE");

    struct Anchor {
        bytes32 root;
        uint64 fromSeq;
        uint64 toSeq;
        uint64 anchoredAt;
    }

    IERC20 public immutable token;
    Anchor[] private _anchors;
    /// A batch id is paid at most once: a payout re-sent after a crash reverts instead of paying twice.
    mapping(bytes32 => bool) public batchPaid;

    event Deposited(bytes32 indexed accountRef, address indexed from, uint256 amount);
    event PayoutBatchPaid(bytes32 indexed batchId, uint256 recipients, uint256 total);
    event LedgerAnchored(uint256 indexed index, bytes32 root, uint64 fromSeq, uint64 toSeq);

    error BatchAlreadyPaid(bytes32 batchId);
    error LengthMismatch();
    error ZeroAmount();
    error EmptyRange();

    constructor(IERC20 token_, address admin) {
        token = token_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(PAYOUT_ROLE, admin);
        _grantRole(ANCHOR_ROLE, admin);
    }

    /// Moves `amount` from the sender (after approve) into custody, credited to `accountRef` once confirmed.
    function deposit(bytes32 accountRef, uint256 amount) external nonReentrant {
        if (amount == 0) revert ZeroAmount();
        token.safeTransferFrom(msg.sender, address(this), amount);
        emit Deposited(accountRef, msg.sender, amount);
    }

    /// Pays many withdrawals in one transaction.
    function payoutBatch(bytes32 batchId, address[] calldata recipients, uint256[] calldata amounts)
        external
        onlyRole(PAYOUT_ROLE)
        nonReentrant
    {
        if (recipients.length != amounts.length) revert LengthMismatch();
        if (batchPaid[batchId]) revert BatchAlreadyPaid(batchId);
        batchPaid[batchId] = true;
        uint256 total;
        for (uint256 i = 0; i < recipients.length; i++) {
            token.safeTransfer(recipients[i], amounts[i]);
            total += amounts[i];
        }
        emit PayoutBatchPaid(batchId, recipients.length, total);
    }

    /// Records the Merkle root of ledger transfers fromSeq..toSeq (inclusive).
    function anchor(bytes32 root, uint64 fromSeq, uint64 toSeq) external onlyRole(ANCHOR_ROLE) returns (uint256 index) {
        if (toSeq < fromSeq) revert EmptyRange();
        index = _anchors.length;
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

    /// True when `leaf` is in the tree anchored at `index` (sorted-pair keccak256, OpenZeppelin MerkleProof).
    function verifyTransfer(uint256 index, bytes32 leaf, bytes32[] calldata proof) external view returns (bool) {
        return MerkleProof.verifyCalldata(proof, _anchors[index].root, leaf);
    }
}
