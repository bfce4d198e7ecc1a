package ai.marketplace.settlement.service;

import java.util.List;
import java.util.UUID;

/**
 * Everything needed to check a transfer against the chain without trusting this service: recompute {@code leaf}
 * from the transfer's fields ({@code leafEncoding}), then call {@code verifyTransfer(anchorIndex, (seq, id,
 * debitAccount, creditAccount, amount, kind, correlationId), proof)} on {@code treasury}, which hashes the leaf
 * itself, or fold {@code proof} with sorted-pair keccak256 and compare with the anchored root.
 */
public record TransferProof(UUID transferId, long seq, String leaf, List<String> proof, String root, long anchorIndex,
        String anchorTxHash, String treasury, String leafEncoding, UUID debitAccount, UUID creditAccount, String amount,
        String kind, String correlationId) {
}
