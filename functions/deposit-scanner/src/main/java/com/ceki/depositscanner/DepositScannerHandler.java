package com.ceki.depositscanner;

import com.amazonaws.services.lambda.runtime.Context;
import com.ceki.aws.LambdaLog;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/**
 * The scheduled Lambda ({@code rate(1 minute)} in template.yaml, one run at a time): scans the chains for
 * deposits. The schedule's event carries nothing the scan needs, so it is read as a plain map (the event class
 * would pull in Joda-Time).
 */
public final class DepositScannerHandler implements RequestHandler<Map<String, Object>, String> {

    private final DepositScanner scanner;

    public DepositScannerHandler() {
        this(DaggerDepositScannerComponent.create().scanner());
    }

    DepositScannerHandler(DepositScanner scanner) {
        this.scanner = scanner;
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        DepositScanner.Summary summary = context == null ? scanner.run() : scanner.run(context::getRemainingTimeInMillis);
        String blocks = summary.toBlock() >= summary.fromBlock()
                ? "ethereum blocks " + summary.fromBlock() + ".." + summary.toBlock() : "no new final ethereum block";
        String line = "scanned " + blocks + ", deposits " + summary.outcomes() + ", rpc_calls " + summary.rpcCalls();
        boolean didWork = summary.toBlock() >= summary.fromBlock() || !summary.outcomes().isEmpty();
        if (didWork) { // an idle run says nothing
            LambdaLog.line(context, line);
        }
        return line;
    }
}
