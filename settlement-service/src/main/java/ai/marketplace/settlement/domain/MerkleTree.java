package ai.marketplace.settlement.domain;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.web3j.crypto.Hash;

/**
 * The ledger's Merkle tree, compatible with OpenZeppelin's {@code MerkleProof}: parents hash the sorted pair
 * (keccak256(min ‖ max)), an odd node is carried up unchanged, so a proof is the list of siblings from leaf to root.
 */
public final class MerkleTree {

    private final List<byte[][]> layers = new ArrayList<>();

    public MerkleTree(List<byte[]> leaves) {
        if (leaves.isEmpty()) {
            throw new IllegalArgumentException("a Merkle tree needs at least one leaf");
        }
        byte[][] layer = leaves.toArray(byte[][]::new);
        layers.add(layer);
        while (layer.length > 1) {
            byte[][] up = new byte[(layer.length + 1) / 2][];
            for (int i = 0; i < layer.length; i += 2) {
                up[i / 2] = i + 1 < layer.length ? hashPair(layer[i], layer[i + 1]) : layer[i];
            }
            layers.add(up);
            layer = up;
        }
    }

    public byte[] root() {
        return layers.get(layers.size() - 1)[0];
    }

    public List<byte[]> proof(int index) {
        List<byte[]> proof = new ArrayList<>();
        for (int level = 0; level < layers.size() - 1; level++) {
            byte[][] layer = layers.get(level);
            int sibling = index ^ 1;
            if (sibling < layer.length) {
                proof.add(layer[sibling]);
            }
            index /= 2;
        }
        return proof;
    }

    /** OpenZeppelin's {@code processProof}: what any verifier computes. */
    public static boolean verify(List<byte[]> proof, byte[] root, byte[] leaf) {
        byte[] h = leaf;
        for (byte[] p : proof) {
            h = hashPair(h, p);
        }
        return Arrays.equals(h, root);
    }

    static byte[] hashPair(byte[] a, byte[] b) {
        boolean aFirst = Arrays.compareUnsigned(a, b) <= 0;
        return Hash.sha3(concat(aFirst ? a : b, aFirst ? b : a));
    }

    /** What a leaf's fields are hashed under, as the Treasury's {@code LEAF_DOMAIN}. */
    public static final byte[] LEAF_DOMAIN = Hash.sha3("ai-marketplace.ledger-transfer.v2".getBytes(StandardCharsets.UTF_8));

    /** How {@link #leaf} is computed, for verifiers: the same as the Treasury's {@code leafOf}. */
    public static final String LEAF_ENCODING = "keccak256(keccak256(abi.encode(bytes32 LEAF_DOMAIN, uint64 seq, bytes16 id, "
            + "bytes16 debitAccount, bytes16 creditAccount, uint256 amount, keccak256(kind), keccak256(correlationId)))), "
            + "LEAF_DOMAIN = keccak256(\"ai-marketplace.ledger-transfer.v2\")";

    /**
     * A transfer's leaf: its fields under a domain of their own, including what kind of transfer it is and what it
     * belongs to, hashed twice as OpenZeppelin advises, so no inner node of a tree can be presented as a leaf.
     */
    public static byte[] leaf(long seq, UUID id, UUID debit, UUID credit, BigInteger amount, String kind,
            String correlationId) {
        ByteBuffer b = ByteBuffer.allocate(8 * 32);
        b.put(LEAF_DOMAIN);
        b.put(word(BigInteger.valueOf(seq)));
        b.put(bytes16(id));
        b.put(bytes16(debit));
        b.put(bytes16(credit));
        b.put(word(amount));
        b.put(Hash.sha3(kind.getBytes(StandardCharsets.UTF_8)));
        b.put(Hash.sha3((correlationId == null ? "" : correlationId).getBytes(StandardCharsets.UTF_8)));
        return Hash.sha3(Hash.sha3(b.array()));
    }

    private static byte[] word(BigInteger v) {
        byte[] raw = v.toByteArray();
        byte[] w = new byte[32];
        int len = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - len, w, 32 - len, len);
        return w;
    }

    private static byte[] bytes16(UUID u) {
        byte[] w = new byte[32];
        ByteBuffer.wrap(w).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
        return w;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
