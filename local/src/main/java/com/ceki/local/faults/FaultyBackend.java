package com.ceki.local.faults;

import com.ceki.local.stack.AwsBackend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A backend whose DynamoDB, SQS, SES and Ethereum node are reached through a {@link FaultProxy} each, so that tests
 * (and {@code ./dev up --faults}) can make them fail the way the real services do. With no fault injected every call
 * is forwarded unchanged. S3 is reached directly (no issue needs its faults yet), and so is {@link #dynamo()}: the
 * table's own setup, and the tests' reads of what was stored, never see an injected fault.
 */
public final class FaultyBackend implements AwsBackend {

    private final AwsBackend inner;
    private final FaultProxy dynamodb;
    private final FaultProxy sqs;
    private final FaultProxy ses;
    private final FaultProxy ethereum; // null where no chain runs
    private final Endpoints endpoints;

    public FaultyBackend(AwsBackend inner) {
        this.inner = inner;
        Endpoints real = inner.endpoints();
        this.dynamodb = FaultProxy.start("dynamodb", real.dynamodb());
        this.sqs = FaultProxy.start("sqs", real.sqs());
        this.ses = FaultProxy.start("ses", real.ses());
        this.ethereum = real.ethereumRpc() == null ? null : FaultProxy.start("ethereum", real.ethereumRpc());
        this.endpoints = new Endpoints(dynamodb.endpoint(), sqs.endpoint(), ses.endpoint(),
                ethereum == null ? null : ethereum.endpoint(), real.s3());
    }

    public FaultProxy dynamodb() {
        return dynamodb;
    }

    public FaultProxy sqs() {
        return sqs;
    }

    public FaultProxy ses() {
        return ses;
    }

    /** The Ethereum node's proxy; null where no chain runs. */
    public FaultProxy ethereum() {
        return ethereum;
    }

    /** The proxy of a service by its name ({@code dynamodb}, {@code sqs}, {@code ses}, {@code ethereum}). */
    public FaultProxy proxy(String service) {
        return switch (service) {
            case "dynamodb" -> dynamodb;
            case "sqs" -> sqs;
            case "ses" -> ses;
            case "ethereum" -> ethereum;
            default -> throw new IllegalArgumentException("No fault proxy for " + service
                    + " (dynamodb, sqs, ses, ethereum)");
        };
    }

    /**
     * Injects a fault written as {@code service:operations:share:kind}, for {@code ./dev up --faults}: operations
     * comma-separated or {@code *}; share a fraction of the matching calls (1 for all); kind one of {@code conflict},
     * {@code throughput}, {@code throttling}, {@code 500}, {@code 503}, {@code rpc-error}, {@code drop} or
     * {@code delay-<ms>}. Example: {@code dynamodb:TransactWriteItems:0.3:conflict}.
     */
    public Fault inject(String spec) {
        String[] parts = spec.split(":");
        if (parts.length != 4) {
            throw new IllegalArgumentException("A fault is service:operations:share:kind, not " + spec);
        }
        FaultProxy proxy = proxy(parts[0]);
        if (proxy == null) {
            throw new IllegalArgumentException("No " + parts[0] + " runs here: " + spec);
        }
        String[] operations = parts[1].equals("*") ? new String[0] : parts[1].split(",");
        double share = Double.parseDouble(parts[2]);
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("A fault's share is in (0, 1]: " + spec);
        }
        Fault.Selector calls = Fault.on(operations).share(share, spec.hashCode());
        String kind = parts[3];
        Fault fault = switch (kind) {
            case "conflict" -> calls.transactionConflict();
            case "throughput" -> calls.dynamoError("ProvisionedThroughputExceededException",
                    "The level of configured provisioned throughput for the table was exceeded.");
            case "throttling" -> calls.dynamoError("ThrottlingException", "Rate of requests exceeds the allowed throughput.");
            case "500", "503" -> calls.status(Integer.parseInt(kind));
            case "rpc-error" -> calls.jsonRpcError(-32603, "injected internal error");
            case "drop" -> calls.dropConnection();
            default -> {
                if (!kind.startsWith("delay-")) {
                    throw new IllegalArgumentException("Unknown fault kind " + kind + " in " + spec);
                }
                yield calls.delay(Duration.ofMillis(Long.parseLong(kind.substring("delay-".length()))));
            }
        };
        return proxy.inject(fault);
    }

    /** Every call of every service forwarded again. */
    public void clear() {
        for (FaultProxy proxy : proxies()) {
            proxy.clear();
        }
    }

    /** The emulators as the functions see them: behind the proxies. */
    @Override
    public Endpoints endpoints() {
        return endpoints;
    }

    /** A client of the emulator itself, past the proxy. */
    @Override
    public DynamoDbClient dynamo() {
        return inner.dynamo();
    }

    /** The emulators as they are, past the proxies (what a test reads the outcome from). */
    public Endpoints direct() {
        return inner.endpoints();
    }

    @Override
    public void close() {
        proxies().forEach(FaultProxy::close);
        inner.close();
    }

    private List<FaultProxy> proxies() {
        List<FaultProxy> all = new ArrayList<>(List.of(dynamodb, sqs, ses));
        if (ethereum != null) {
            all.add(ethereum);
        }
        return all;
    }
}
