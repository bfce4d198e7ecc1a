package ai.marketplace.settlement.client;

import java.math.BigInteger;
import java.util.List;

import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.utils.Numeric;

import ai.marketplace.settlement.client.contracts.MarketToken;
import ai.marketplace.settlement.client.contracts.Treasury;
import ai.marketplace.settlement.domain.DepositLog;
import io.vertx.core.json.JsonObject;

/** ABI encoding and decoding for the generated contract wrappers' functions and events (web3j), without I/O. */
public final class TreasuryCodec {

    public static final String DEPOSITED_TOPIC = EventEncoder.encode(Treasury.DEPOSITED_EVENT);
    public static final String ANCHORED_TOPIC = EventEncoder.encode(Treasury.LEDGERANCHORED_EVENT);
    public static final String WITHDRAWAL_PAID_TOPIC = EventEncoder.encode(Treasury.WITHDRAWALPAID_EVENT);

    private TreasuryCodec() {
    }

    /** A {@code Deposited(bytes32 indexed accountRef, address indexed from, uint256 amount)} log. */
    /** A canonical {@code Deposited} log emitted by {@code treasury} itself, with the event's exact shape. */
    public static boolean isDepositBy(JsonObject log, String treasury) {
        var topics = log.getJsonArray("topics");
        return treasury != null && treasury.equalsIgnoreCase(log.getString("address"))
                && !Boolean.TRUE.equals(log.getBoolean("removed")) && topics != null && topics.size() == 3
                && DEPOSITED_TOPIC.equalsIgnoreCase(topics.getString(0));
    }

    public static DepositLog deposit(JsonObject log) {
        var topics = log.getJsonArray("topics");
        byte[] ref = Numeric.hexStringToByteArray(topics.getString(1));
        String from = "0x" + topics.getString(2).substring(26).toLowerCase(java.util.Locale.ROOT);
        BigInteger amount = Numeric.toBigInt(log.getString("data"));
        return new DepositLog(log.getString("transactionHash"), Numeric.toBigInt(log.getString("logIndex")).intValueExact(),
                Numeric.toBigInt(log.getString("blockNumber")).longValueExact(), log.getString("blockHash"), ref, from, amount);
    }

    /** One transfer of a payout: {@code withdrawalIds} are the withdrawals it pays (one account's, merged). */
    public record Payment(String to, BigInteger amount, List<byte[]> withdrawalIds) {
    }

    public static String payoutBatch(byte[] batchRef, List<Payment> payments) {
        return FunctionEncoder.encode(new Function(Treasury.FUNC_PAYOUTBATCH, List.of(new Bytes32(batchRef),
                new DynamicArray<>(Address.class, payments.stream().map(p -> new Address(p.to())).toList()),
                new DynamicArray<>(Uint256.class, payments.stream().map(p -> new Uint256(p.amount())).toList()),
                new DynamicArray<>(Bytes32.class, payments.stream().flatMap(p -> p.withdrawalIds().stream()).map(Bytes32::new).toList()),
                new DynamicArray<>(Uint32.class, payments.stream().map(p -> new Uint32(p.withdrawalIds().size())).toList())),
                List.of()));
    }

    /** {@code paidOf(bytes32[])}: which withdrawal ids the Treasury has paid. */
    public static String paidOf(List<byte[]> ids) {
        return FunctionEncoder.encode(new Function(Treasury.FUNC_PAIDOF,
                List.of(new DynamicArray<>(Bytes32.class, ids.stream().map(Bytes32::new).toList())),
                List.of(new TypeReference<DynamicArray<Bool>>() {
                })));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    public static List<Boolean> paidOfResult(String hexResult) {
        List<Type> out = FunctionReturnDecoder.decode(hexResult, List.of((TypeReference) new TypeReference<DynamicArray<Bool>>() {
        }));
        if (out.isEmpty()) {
            throw new IllegalStateException("paidOf returned nothing: is the Treasury at this address the current version?");
        }
        return ((List<Bool>) out.get(0).getValue()).stream().map(Bool::getValue).toList();
    }

    /** A withdrawal's id as the Treasury records it: its UUID's 16 bytes, left-aligned in a bytes32. */
    public static byte[] withdrawalId(java.util.UUID id) {
        byte[] w = new byte[32];
        java.nio.ByteBuffer.wrap(w).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
        return w;
    }

    public static String anchor(byte[] root, long fromSeq, long toSeq) {
        return FunctionEncoder.encode(new Function(Treasury.FUNC_ANCHOR, List.of(new Bytes32(root),
                new Uint64(fromSeq), new Uint64(toSeq)), List.of()));
    }

    /** The anchor index from a receipt's {@code LedgerAnchored(uint256 indexed index, …)} log, or -1. */
    public static long anchoredIndex(JsonObject receipt) {
        for (Object o : receipt.getJsonArray("logs")) {
            JsonObject log = (JsonObject) o;
            if (ANCHORED_TOPIC.equals(log.getJsonArray("topics").getString(0))) {
                return Numeric.toBigInt(log.getJsonArray("topics").getString(1)).longValueExact();
            }
        }
        return -1;
    }

    public static String balanceOf(String owner) {
        return FunctionEncoder.encode(new Function(MarketToken.FUNC_BALANCEOF, List.of(new Address(owner)),
                List.of(new TypeReference<Uint256>() {
                })));
    }

    @SuppressWarnings("rawtypes")
    public static BigInteger uint256(String hexResult) {
        List<Type> out = FunctionReturnDecoder.decode(hexResult, List.of((TypeReference) new TypeReference<Uint256>() {
        }));
        return out.isEmpty() ? BigInteger.ZERO : (BigInteger) out.get(0).getValue();
    }

    public static String mint(String to, BigInteger amount) {
        return FunctionEncoder.encode(new Function(MarketToken.FUNC_MINT, List.of(new Address(to), new Uint256(amount)),
                List.of()));
    }

    public static String deployToken(String admin) {
        return MarketToken.BINARY + FunctionEncoder.encodeConstructor(List.of(new Address(admin)));
    }

    /** {@code admin} holds the admin role (a timelock or multisig in production); {@code operator} pays and anchors. */
    public static String deployTreasury(String token, String admin, String operator) {
        return Treasury.BINARY + FunctionEncoder.encodeConstructor(List.of(new Address(token), new Address(admin),
                new Address(operator)));
    }
}
