// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/// @notice Benchmark baseline only (not deployed by the marketplace): the usual "one escrow per order" design that
/// the Treasury's ledger + batched payouts + Merkle anchoring is measured against (TreasuryGasTest). The buyer
/// locks the price per order; the operator releases it to the seller, minus the platform fee.
contract OrderEscrow {
    using SafeERC20 for IERC20;

    struct Escrow {
        address buyer;
        address seller;
        uint256 amount;
    }

    IERC20 public immutable token;
    address public immutable operator;
    address public immutable feeRecipient;
    mapping(bytes32 => Escrow) public escrows;

    error EscrowExists();
    error NoEscrow();
    error NotOperator();

    constructor(IERC20 token_, address operator_, address feeRecipient_) {
        token = token_;
        operator = operator_;
        feeRecipient = feeRecipient_;
    }

    function open(bytes32 orderId, address seller, uint256 amount) external {
        if (escrows[orderId].buyer != address(0)) revert EscrowExists();
        escrows[orderId] = Escrow(msg.sender, seller, amount);
        token.safeTransferFrom(msg.sender, address(this), amount);
    }

    function release(bytes32 orderId, uint256 fee) external {
        if (msg.sender != operator) revert NotOperator();
        Escrow memory e = escrows[orderId];
        if (e.buyer == address(0)) revert NoEscrow();
        delete escrows[orderId];
        token.safeTransfer(e.seller, e.amount - fee);
        token.safeTransfer(feeRecipient, fee);
    }
}
