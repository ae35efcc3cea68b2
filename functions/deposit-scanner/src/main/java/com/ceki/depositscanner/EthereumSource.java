package com.ceki.depositscanner;

import com.ceki.core.money.Chain;
import com.ceki.core.money.Currency;
import com.ceki.deposits.Deposit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.Transaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Reads Ethereum through web3j: native Ether transfers from the blocks themselves, and ERC-20 {@code Transfer}
 * logs of the configured token contracts only (a look-alike token at another address is never read) with one
 * {@code eth_getLogs} over a whole block range. RPC calls grow with the blocks scanned, not with the number of
 * deposit addresses: matching addresses is a table lookup. Counts its RPC calls for the benchmark.
 */
public class EthereumSource {

    /** The Transfer(address,address,uint256) event topic. */
    static final String TRANSFER_TOPIC = "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef";

    /** A block's number and hash. */
    public record BlockRef(long number, String hash) {}

    private final Web3j web3j;
    private final Map<String, Currency> tokens; // lower-cased contract address -> currency
    private final AtomicLong rpcCalls = new AtomicLong();

    public EthereumSource(Web3j web3j, Map<String, Currency> tokenContracts) {
        this.web3j = web3j;
        this.tokens = new HashMap<>();
        tokenContracts.forEach((address, currency) -> tokens.put(address.toLowerCase(Locale.ROOT), currency));
    }

    public long rpcCalls() {
        return rpcCalls.get();
    }

    public long tip() {
        return call(() -> web3j.ethBlockNumber().send()).getBlockNumber().longValueExact();
    }

    public BlockRef block(long number) {
        EthBlock.Block block = present(call(() -> web3j.ethGetBlockByNumber(param(number), false).send()).getBlock(), number);
        return new BlockRef(number, block.getHash());
    }

    /**
     * The successful transfers of Ether or of a configured token in blocks {@code from..to} whose recipient
     * {@code filter} says is ours: one block read per block (plus a receipt per matching Ether transfer) and one
     * log query for the whole range.
     */
    public List<Deposit> transfers(long from, long to, AddressFilter filter) {
        List<Deposit> found = new ArrayList<>();
        for (long n = from; n <= to; n++) {
            long number = n;
            EthBlock.Block block = present(call(() -> web3j.ethGetBlockByNumber(param(number), true).send()).getBlock(), number);
            List<Transaction> valueTransfers = new ArrayList<>();
            Set<String> recipients = new HashSet<>();
            for (EthBlock.TransactionResult<?> result : block.getTransactions()) {
                Transaction tx = (Transaction) result.get();
                if (tx.getTo() != null && tx.getValue().signum() > 0) {
                    valueTransfers.add(tx);
                    recipients.add(tx.getTo().toLowerCase(Locale.ROOT));
                }
            }
            Set<String> ours = filter.ours(recipients);
            for (Transaction tx : valueTransfers) {
                if (!ours.contains(tx.getTo().toLowerCase(Locale.ROOT))) {
                    continue;
                }
                // Only a successful transaction moves Ether.
                TransactionReceipt receipt = call(() -> web3j.ethGetTransactionReceipt(tx.getHash()).send()).getTransactionReceipt()
                        .orElseThrow(() -> new IllegalStateException("No receipt yet for " + tx.getHash()));
                if (!receipt.isStatusOK()) {
                    continue;
                }
                found.add(new Deposit(Chain.ETHEREUM, Currency.ETH, tx.getHash(), "native", number, block.getHash(),
                        tx.getTo(), new BigDecimal(tx.getValue(), Currency.ETH.decimals())));
            }
        }
        if (!tokens.isEmpty()) {
            found.addAll(tokenTransfers(from, to, filter));
        }
        return found;
    }

    /** Chooses which recipient addresses are deposit addresses (a batched table lookup). */
    public interface AddressFilter {
        Set<String> ours(Set<String> lowerCaseAddresses);
    }

    private List<Deposit> tokenTransfers(long from, long to, AddressFilter filter) {
        EthFilter logFilter = new EthFilter(param(from), param(to), new ArrayList<>(tokens.keySet()));
        logFilter.addSingleTopic(TRANSFER_TOPIC);
        List<EthLog.LogResult> logs = call(() -> web3j.ethGetLogs(logFilter).send()).getLogs();
        Set<String> recipients = new HashSet<>();
        List<Log> transfers = new ArrayList<>();
        for (EthLog.LogResult<?> result : logs) {
            Log log = (Log) result.get();
            // Logs only come from successful transactions; a reverted transfer leaves none.
            if (log.isRemoved() || log.getTopics().size() != 3 || !tokens.containsKey(log.getAddress().toLowerCase(Locale.ROOT))) {
                continue;
            }
            transfers.add(log);
            recipients.add(topicAddress(log.getTopics().get(2)));
        }
        Set<String> ours = filter.ours(recipients);
        List<Deposit> found = new ArrayList<>();
        for (Log log : transfers) {
            String recipient = topicAddress(log.getTopics().get(2));
            if (!ours.contains(recipient)) {
                continue;
            }
            Currency currency = tokens.get(log.getAddress().toLowerCase(Locale.ROOT));
            BigInteger raw = new BigInteger(log.getData().substring(2), 16);
            found.add(new Deposit(Chain.ETHEREUM, currency, log.getTransactionHash(), log.getLogIndex().toString(),
                    log.getBlockNumber().longValueExact(), log.getBlockHash(), recipient, new BigDecimal(raw, currency.decimals())));
        }
        return found;
    }

    private static String topicAddress(String topic) {
        return ("0x" + topic.substring(topic.length() - 40)).toLowerCase(Locale.ROOT);
    }

    private static DefaultBlockParameter param(long number) {
        return DefaultBlockParameter.valueOf(BigInteger.valueOf(number));
    }

    private interface Rpc<T extends Response<?>> {
        T send() throws IOException;
    }

    /**
     * One JSON-RPC call; a node's error answer is an exception, never a null result read as "nothing there", so a run
     * that meets one stops and the next run reads the same blocks again.
     */
    private <T extends Response<?>> T call(Rpc<T> rpc) {
        rpcCalls.incrementAndGet();
        T response;
        try {
            response = rpc.send();
        } catch (IOException e) {
            throw new UncheckedIOException("Ethereum JSON-RPC failed", e);
        }
        if (response.hasError()) {
            throw new IllegalStateException("Ethereum JSON-RPC error " + response.getError().getCode() + ": "
                    + response.getError().getMessage());
        }
        return response;
    }

    private static EthBlock.Block present(EthBlock.Block block, long number) {
        if (block == null) {
            throw new IllegalStateException("The node has no block " + number + " (yet)");
        }
        return block;
    }
}
