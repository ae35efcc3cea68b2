package com.ceki.depositscanner;

import com.ceki.core.errors.ServiceUnavailable;
import com.ceki.core.money.Chain;
import com.ceki.deposits.Deposit;
import com.ceki.deposits.DepositCredits;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;

/**
 * One scanner run: first credit the deposits held for a fresh rate, then resume each chain from its cursor, read only
 * blocks that are final (at least the configured confirmations deep), credit what pays our addresses, and move the
 * cursor after each chunk (Ethereum: a range of blocks read through their logs; Bitcoin: one block, page by page).
 * The cursor passes a block only when every deposit in it is credited or recorded: a BTC or ETH deposit whose rate is
 * stale is held ({@link HeldDeposits}) while stablecoin deposits go on being credited. Work per run is bounded by a
 * block budget per chain. A run that dies half-way loses nothing: the next one redoes the unfinished chunk, and
 * credits it already made are recognised by their deposit records and not repeated.
 */
public class DepositScanner {

    /** Settings of a run. */
    public record Settings(int ethConfirmations, int btcConfirmations, long ethStartBlock, int blockBudget, int chunkBlocks,
                           long btcStartBlock, int btcBlockBudget) {}

    /** Held deposits retried per run, oldest first. */
    static final int HELD_PER_RUN = 500;

    /** What a run did, per outcome. */
    public record Summary(long fromBlock, long toBlock, Map<DepositCredits.Outcome, Integer> outcomes, long rpcCalls) {}

    private final EthereumSource ethereum;
    private final EsploraSource bitcoin;
    private final DepositAddressBook addresses;
    private final DepositCredits credits;
    private final ScanCursors cursors;
    private final HeldDeposits held;
    private final Settings settings;
    /** Time a chunk may take at most: reads, credits and the cursor write. */
    static final long RESERVE_MILLIS = 15_000;
    private LongSupplier remainingMillis = () -> Long.MAX_VALUE;

    public DepositScanner(EthereumSource ethereum, EsploraSource bitcoin, DepositAddressBook addresses,
                          DepositCredits credits, ScanCursors cursors, HeldDeposits held, Settings settings) {
        this.ethereum = ethereum;
        this.bitcoin = bitcoin;
        this.addresses = addresses;
        this.credits = credits;
        this.cursors = cursors;
        this.held = held;
        this.settings = settings;
    }

    public Summary run() {
        return run(() -> Long.MAX_VALUE);
    }

    /**
     * One run that starts no new chunk once {@code remainingMillis} (the Lambda's time left) drops below
     * {@link #RESERVE_MILLIS}: the cursor stays at the last finished chunk and the next run goes on from there.
     */
    public Summary run(LongSupplier remainingMillis) {
        this.remainingMillis = remainingMillis;
        Map<DepositCredits.Outcome, Integer> outcomes = new EnumMap<>(DepositCredits.Outcome.class);
        long[] range = {-1, -1};
        long rpcBefore = ethereum == null ? 0 : ethereum.rpcCalls();
        creditHeld(outcomes);
        if (ethereum != null) {
            scanEthereum(outcomes, range);
        }
        if (bitcoin != null) {
            scanBitcoin(outcomes);
        }
        return new Summary(range[0], range[1], outcomes, ethereum == null ? 0 : ethereum.rpcCalls() - rpcBefore);
    }

    private void scanEthereum(Map<DepositCredits.Outcome, Integer> outcomes, long[] range) {
        long tip = ethereum.tip();
        long lastFinal = tip - settings.ethConfirmations() + 1; // a block with N confirmations, counting itself
        var cursor = cursors.get(Chain.ETHEREUM).orElse(new ScanCursors.Cursor(settings.ethStartBlock(), -1, null));
        checkReorg(Chain.ETHEREUM, cursor, tip, number -> ethereum.block(number).hash());
        long end = Math.min(lastFinal, cursor.nextBlock() + settings.blockBudget() - 1);
        range[0] = cursor.nextBlock();
        range[1] = end;
        for (long from = cursor.nextBlock(); from <= end; from += settings.chunkBlocks()) {
            if (remainingMillis.getAsLong() < RESERVE_MILLIS) {
                range[1] = from - 1; // out of time: the next run resumes here
                break;
            }
            long to = Math.min(end, from + settings.chunkBlocks() - 1);
            List<Deposit> found = ethereum.transfers(from, to, recipients -> addresses.owners(Chain.ETHEREUM, recipients).keySet());
            creditAll(Chain.ETHEREUM, found, outcomes);
            cursors.save(Chain.ETHEREUM, new ScanCursors.Cursor(to + 1, to, ethereum.block(to).hash()));
        }
    }

    /**
     * Bitcoin by blocks, as Ethereum: from the cursor (or, on the first run, {@code BTC_START_BLOCK}, else the newest
     * final block) to the newest final block, one block per step, within the run's budget.
     */
    private void scanBitcoin(Map<DepositCredits.Outcome, Integer> outcomes) {
        long tip = bitcoin.tipHeight();
        long lastFinal = tip - settings.btcConfirmations() + 1;
        long start = settings.btcStartBlock() > 0 ? settings.btcStartBlock() : lastFinal;
        var cursor = cursors.get(Chain.BITCOIN).orElse(new ScanCursors.Cursor(start, -1, null));
        checkReorg(Chain.BITCOIN, cursor, tip, bitcoin::blockHash);
        long end = Math.min(lastFinal, cursor.nextBlock() + settings.btcBlockBudget() - 1);
        for (long height = cursor.nextBlock(); height <= end; height++) {
            if (remainingMillis.getAsLong() < RESERVE_MILLIS) {
                break; // out of time: the next run resumes here
            }
            String hash = bitcoin.blockHash(height);
            List<Deposit> found = bitcoin.outputs(height, hash, paid -> addresses.owners(Chain.BITCOIN, paid).keySet());
            creditAll(Chain.BITCOIN, found, outcomes);
            cursors.save(Chain.BITCOIN, new ScanCursors.Cursor(height + 1, height, hash));
        }
    }

    /** Flags a reorganisation below finality: the cursor's last block has another hash on the chain now. */
    private void checkReorg(Chain chain, ScanCursors.Cursor cursor, long tip, LongFunction<String> hashAt) {
        if (cursor.lastBlock() >= 0 && cursor.lastBlockHash() != null && cursor.lastBlock() <= tip) {
            String now = hashAt.apply(cursor.lastBlock());
            if (!cursor.lastBlockHash().equalsIgnoreCase(now)) {
                cursors.flagReorg(chain, cursor.lastBlock(), cursor.lastBlockHash(), now);
            }
        }
    }

    /** Credits what earlier runs held for a rate; what still cannot be credited stays held. */
    private void creditHeld(Map<DepositCredits.Outcome, Integer> outcomes) {
        for (HeldDeposits.Held h : held.oldest(HELD_PER_RUN)) {
            DepositCredits.Outcome outcome;
            try {
                outcome = credits.credit(h.deposit(), h.agentId());
            } catch (ServiceUnavailable staleRate) {
                outcomes.merge(DepositCredits.Outcome.AWAITING_RATE, 1, Integer::sum);
                continue;
            }
            held.release(h.deposit());
            outcomes.merge(outcome, 1, Integer::sum);
        }
    }

    /** Credits {@code d}, or holds it when its USD value needs a rate that is stale (credited by a later run). */
    private DepositCredits.Outcome creditOrHold(Deposit d, long agentId) {
        try {
            return credits.credit(d, agentId);
        } catch (ServiceUnavailable staleRate) {
            held.hold(d, agentId);
            return DepositCredits.Outcome.AWAITING_RATE;
        }
    }

    private void creditAll(Chain chain, List<Deposit> deposits, Map<DepositCredits.Outcome, Integer> outcomes) {
        if (deposits.isEmpty()) {
            return;
        }
        Set<String> recipients = new HashSet<>();
        deposits.forEach(d -> recipients.add(d.toAddress().toLowerCase(Locale.ROOT)));
        var owners = addresses.owners(chain, recipients);
        deposits.stream()
                .sorted(Comparator.comparingLong(Deposit::blockNumber).thenComparing(Deposit::txHash).thenComparing(Deposit::index))
                .forEach(d -> {
                    var owner = owners.get(d.toAddress().toLowerCase(Locale.ROOT));
                    var outcome = owner == null ? DepositCredits.Outcome.NOT_OURS : creditOrHold(d, owner.agentId());
                    outcomes.merge(outcome, 1, Integer::sum);
                });
    }
}
