package com.ceki.billing;

import com.ceki.core.usage.UsageEvent;
import com.ceki.storage.Item;
import com.ceki.storage.Keys;
import com.ceki.storage.Table;
import com.ceki.storage.Transactions;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Monthly usage per agent and type ({@code AGENT#id / USAGE#<month>#<type>}). An event is counted in the same
 * transaction that writes its permanent record ({@code USAGE_EVENT#<request id>}, never expired), so a
 * redelivered event, however late, changes nothing.
 */
public final class UsageRepository {

    public record MonthlyUsage(String type, long count, BigDecimal totalChargedUsd) {}

    private final Table table;

    public UsageRepository(Table table) {
        this.table = table;
    }

    /** Counts an event once; false when it had been counted already. */
    public boolean count(UsageEvent e) {
        Item record = Item.key(Keys.usageEvent(e.requestId()), Keys.USAGE_EVENT)
                .n("agent_id", e.agentId()).s("usage_type", e.type()).s("month", e.month())
                .n("charged_usd", e.chargedUsd()).n("at", e.atEpochMilli());
        Update counter = Update.builder().tableName(table.name())
                .key(Item.key(Keys.agent(e.agentId()), Keys.usage(e.month(), e.type())).map())
                .updateExpression("ADD #count :one, total_charged_usd :usd SET usage_type = :type, #month = :month")
                .expressionAttributeNames(Map.of("#count", "count", "#month", "month"))
                .expressionAttributeValues(Map.of(":one", Item.attr(1), ":usd", Item.attr(e.chargedUsd()),
                        ":type", Item.attr(e.type()), ":month", Item.attr(e.month())))
                .build();
        try {
            table.client().transactWriteItems(t -> t.transactItems(
                    TransactWriteItem.builder().put(Put.builder().tableName(table.name()).item(record.map())
                            .conditionExpression("attribute_not_exists(PK)").build()).build(),
                    TransactWriteItem.builder().update(counter).build()));
            return true;
        } catch (TransactionCanceledException ex) {
            if (Transactions.conditionFailedAt(ex, 0)) {
                return false;
            }
            throw ex;
        }
    }

    /** The usage of a month ({@code YYYY-MM}), by type. */
    public List<MonthlyUsage> month(long agentId, String month) {
        var response = table.client().query(QueryRequest.builder()
                .tableName(table.name())
                .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                .expressionAttributeValues(Map.of(":pk", Item.attr(Keys.agent(agentId)),
                        ":prefix", Item.attr(Keys.USAGE_PREFIX + month + "#")))
                .consistentRead(true)
                .build());
        List<MonthlyUsage> usage = new ArrayList<>();
        response.items().forEach(raw -> {
            Item item = Item.from(raw);
            usage.add(new MonthlyUsage(item.string("usage_type"), item.number("count"), item.decimal("total_charged_usd")));
        });
        usage.sort(Comparator.comparing(MonthlyUsage::type));
        return usage;
    }
}
