package ai.marketplace.settlement.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class MerkleTreeTest {

    @Test
    void everyLeafProvesItselfInTreesOfAnySizeAndNothingElseDoes() {
        for (int size = 1; size <= 33; size++) {
            List<byte[]> leaves = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                leaves.add(MerkleTree.leaf(i + 1, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), BigInteger.valueOf(i), "CAPTURE", "c" + i));
            }
            MerkleTree tree = new MerkleTree(leaves);
            for (int i = 0; i < size; i++) {
                assertThat(MerkleTree.verify(tree.proof(i), tree.root(), leaves.get(i))).as("leaf %d of %d", i, size).isTrue();
                byte[] other = MerkleTree.leaf(999, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), BigInteger.ONE, "CAPTURE", "c");
                assertThat(MerkleTree.verify(tree.proof(i), tree.root(), other)).isFalse();
            }
        }
    }

    @Test
    void aLeafCommitsToEveryFieldOfTheTransfer() {
        UUID id = UUID.randomUUID();
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        byte[] leaf = MerkleTree.leaf(7, id, a, b, BigInteger.TEN, "CAPTURE", "order-1");
        assertThat(leaf).isEqualTo(MerkleTree.leaf(7, id, a, b, BigInteger.TEN, "CAPTURE", "order-1"));
        assertThat(leaf).isNotEqualTo(MerkleTree.leaf(8, id, a, b, BigInteger.TEN, "CAPTURE", "order-1"));
        assertThat(leaf).isNotEqualTo(MerkleTree.leaf(7, id, b, a, BigInteger.TEN, "CAPTURE", "order-1"));
        assertThat(leaf).isNotEqualTo(MerkleTree.leaf(7, id, a, b, BigInteger.valueOf(11), "CAPTURE", "order-1"));
        assertThat(leaf).isNotEqualTo(MerkleTree.leaf(7, id, a, b, BigInteger.TEN, "FEE", "order-1"));
        assertThat(leaf).isNotEqualTo(MerkleTree.leaf(7, id, a, b, BigInteger.TEN, "CAPTURE", "order-2"));
    }
}
