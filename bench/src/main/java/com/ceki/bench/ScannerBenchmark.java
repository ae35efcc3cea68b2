package com.ceki.bench;

import com.ceki.billing.Ledger;
import com.ceki.billing.MinDeposits;
import com.ceki.billing.StoredUsdRates;
import com.ceki.billing.Wallet;
import com.ceki.billing.WalletRepository;
import com.ceki.core.config.Config;
import com.ceki.core.ids.IdGenerator;
import com.ceki.core.money.Chain;
import com.ceki.core.money.Currency;
import com.ceki.deposits.Deposit;
import com.ceki.depositscanner.DepositAddressBook;
import com.ceki.deposits.DepositCredits;
import com.ceki.deposits.DepositNotifier;
import com.ceki.depositscanner.DepositScanner;
import com.ceki.depositscanner.EthereumSource;
import com.ceki.depositscanner.HeldDeposits;
import com.ceki.depositscanner.ScanCursors;
import com.ceki.ethereum.JdkHttpService;
import com.ceki.local.LocalServer;
import com.ceki.local.chain.LocalChain;
import com.ceki.local.runner.LocalQueues;
import com.ceki.local.stack.EmulatorStack;
import com.ceki.local.template.SamTemplate;
import com.ceki.storage.Item;
import com.ceki.storage.Keys;
import com.ceki.storage.Table;
import com.ceki.webhooks.WebhookOutbox;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The deposit scanner at scale ({@code ./dev bench scanner}): {@code --addresses} deposit addresses (default
 * 10,000) in the table, {@code --blocks} blocks on anvil (default 1,000) each holding a token deposit to one of
 * them, then one scanner run over them all: blocks scanned per second, JSON-RPC calls per block, and the run's peak
 * heap. Run twice, with 10x fewer addresses, to show the RPC calls per block do not depend on the address count.
 */
public final class ScannerBenchmark {

    private ScannerBenchmark() {}

    public static void main(String[] args) throws Exception {
        int addresses = intArg(args, "--addresses", 10_000);
        int blocks = intArg(args, "--blocks", 1_000);
        Path repoRoot = LocalServer.repoRoot();
        SamTemplate template = SamTemplate.load(repoRoot.resolve("template.yaml"));
        System.err.println("Starting the emulators...");
        try (EmulatorStack stack = EmulatorStack.start(repoRoot, repoRoot.resolve("bench/target/scanner-emulators"), template);
             LocalChain chain = new LocalChain(stack.endpoints().ethereumRpc());
             LocalQueues queues = LocalQueues.create(template, stack.endpoints().sqs())) {
            Table table = new Table(EmulatorStack.TABLE_NAME, stack.dynamo());
            // The credits queue their webhook events as in production (nothing consumes them here).
            WebhookOutbox outbox = new WebhookOutbox(table, queues::client, queues.urls().get("WebhookQueue"),
                    new IdGenerator(Clock.systemUTC()), Clock.systemUTC());
            StoredUsdRates.store(table, new BigDecimal("100000"), new BigDecimal("4000"), Instant.now());
            String usdt = chain.deployToken(repoRoot, "Tether USD (local)", "USDT", 0);

            List<String> small = seed(table, addresses / 10, "small");
            List<String> large = seed(table, addresses - addresses / 10, "large");
            List<String> all = new ArrayList<>(small);
            all.addAll(large);
            System.err.printf("%d deposit addresses in the table; making %d blocks with a deposit each...%n", all.size(), blocks);

            long firstBlock = chain.blockNumber() + 1;
            for (int i = 0; i < blocks; i++) {
                chain.mint(usdt, all.get((i * 7919) % all.size()), new BigDecimal("2"), 0);
            }
            chain.mine(12);

            System.out.println();
            System.out.println("DEPOSIT SCANNER: one run over " + blocks + " blocks, each with a USDT deposit to one of the addresses");
            System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " CPUs, java " + System.getProperty("java.version"));
            System.out.println("command: ./dev bench scanner --addresses " + addresses + " --blocks " + blocks);
            System.out.printf("%-10s %12s %10s %10s %12s %14s %12s %14s%n", "addresses", "blocks", "seconds",
                    "blocks/s", "rpc calls", "rpc per block", "credited", "peak heap MB");
            // The same blocks scanned twice from the same start: first as if only a tenth of the addresses existed.
            report(run(table, stack, outbox, usdt, firstBlock, blocks, small.size(), "small"), blocks, small.size());
            report(run(table, stack, outbox, usdt, firstBlock, blocks, all.size(), "all"), blocks, all.size());
        }
        System.exit(0);
    }

    private record Result(double seconds, long rpcCalls, int credited, long peakHeapBytes) {}

    private static Result run(Table table, EmulatorStack stack, WebhookOutbox outbox, String usdt, long fromBlock, int blocks, int addressCount, String label) {
        // A fresh cursor and ledger per run: scan the same blocks again from the start.
        new ScanCursors(table).save(Chain.ETHEREUM, new ScanCursors.Cursor(fromBlock, -1, null));
        Config config = Config.of(Map.of());
        IdGenerator ids = new IdGenerator(Clock.systemUTC());
        DepositCredits credits = new DepositCredits(table, new Ledger(table, ids, Clock.systemUTC()), new WalletRepository(table),
                new MinDeposits(config), new StoredUsdRates(table, Clock.systemUTC(), Duration.ofHours(1)), DepositNotifier.NONE,
                outbox, ids, Clock.systemUTC(), new BigDecimal("20.00")) {
            @Override
            public Outcome credit(Deposit deposit, long agentId) {
                // Each run credits its own copy: a deposit key that carries the run label.
                return super.credit(new Deposit(deposit.chain(), deposit.currency(),
                        deposit.txHash(), deposit.index() + "-" + label, deposit.blockNumber(), deposit.blockHash(),
                        deposit.toAddress(), deposit.amount()), agentId);
            }
        };
        EthereumSource source = new EthereumSource(JdkHttpService.web3j(stack.endpoints().ethereumRpc()), Map.of(usdt, Currency.USDT));
        DepositAddressBook book = new DepositAddressBook(table) {
            @Override
            public Map<String, Owner> owners(Chain chain, Collection<String> candidates) {
                // The "small" run pretends the larger set does not exist.
                Map<String, Owner> owners = super.owners(chain, candidates);
                if (label.equals("small")) {
                    owners.values().removeIf(o -> o.agentId() >= LARGE_BASE);
                }
                return owners;
            }
        };
        DepositScanner scanner = new DepositScanner(source, null, book, credits, new ScanCursors(table),
                new HeldDeposits(table, Clock.systemUTC()), new DepositScanner.Settings(12, 3, fromBlock, blocks + 100, 100, 0, 12));
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        long start = System.nanoTime();
        DepositScanner.Summary summary = scanner.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        int credited = summary.outcomes().getOrDefault(DepositCredits.Outcome.CREDITED, 0);
        return new Result(seconds, summary.rpcCalls(), credited, peak);
    }

    private static void report(Result r, int blocks, int addresses) {
        System.out.printf("%-10d %12d %10.1f %10.1f %12d %14.2f %12d %14.1f%n", addresses, blocks, r.seconds(),
                blocks / r.seconds(), r.rpcCalls(), (double) r.rpcCalls() / blocks, r.credited(), r.peakHeapBytes() / 1e6);
    }

    private static final long LARGE_BASE = 1_000_000_000L;

    /**
     * Deposit addresses with their owners: agents with a USDT wallet, written as registration writes them
     * (agent, wallet and address guard), in batches.
     */
    private static List<String> seed(Table table, int count, String label) {
        SecureRandom random = new SecureRandom();
        List<String> addresses = new ArrayList<>();
        List<WriteRequest> batch = new ArrayList<>();
        WalletRepository wallets = new WalletRepository(table);
        long base = label.equals("small") ? 1 : LARGE_BASE;
        for (int i = 0; i < count; i++) {
            byte[] raw = new byte[20];
            random.nextBytes(raw);
            String address = "0x" + HexFormat.of().formatHex(raw);
            long agentId = base + i;
            Wallet wallet = new Wallet(agentId, Currency.USDT, BigDecimal.ZERO, address, i);
            batch.add(put(Item.key(Keys.agent(agentId), Keys.AGENT).n("id", agentId).s("email", "bench" + agentId + "@example.com")
                    .s("status", "active").s("created_at", "2026-01-01T00:00:00.000000Z")));
            wallets.creationWrites(agentId, wallet, Instant.now()).forEach(w -> batch.add(put(Item.from(w.put().item()))));
            addresses.add(address);
            if (batch.size() >= 24) {
                flush(table, batch);
            }
        }
        flush(table, batch);
        return addresses;
    }

    private static WriteRequest put(Item item) {
        return WriteRequest.builder().putRequest(PutRequest.builder().item(item.map()).build()).build();
    }

    private static void flush(Table table, List<WriteRequest> batch) {
        if (batch.isEmpty()) {
            return;
        }
        Map<String, List<WriteRequest>> request = Map.of(table.name(), new ArrayList<>(batch));
        do {
            var pending = request;
            var response = table.client().batchWriteItem(b -> b.requestItems(pending));
            request = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
        } while (!request.isEmpty());
        batch.clear();
    }

    private static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }

}
