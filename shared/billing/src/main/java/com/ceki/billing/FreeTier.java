package com.ceki.billing;

import com.ceki.storage.Item;
import com.ceki.storage.Keys;
import com.ceki.storage.Table;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The monthly free allowance, counted synchronously with a conditional increment (the metered usage arrives
 * later through SQS and cannot decide whether this call is free). One counter item per agent, type and month.
 */
public final class FreeTier {

    private final Table table;

    public FreeTier(Table table) {
        this.table = table;
    }

    /** Takes one free call of this month's allowance; false when it is used up. */
    public boolean tryUse(long agentId, String type, String month, int allowance) {
        if (allowance <= 0) {
            return false;
        }
        try {
            table.client().updateItem(UpdateItemRequest.builder()
                    .tableName(table.name())
                    .key(Item.key(Keys.agent(agentId), Keys.freeTier(type, month)).map())
                    .updateExpression("ADD used :one")
                    .conditionExpression("attribute_not_exists(used) OR used < :allowance")
                    .expressionAttributeValues(Map.of(":one", Item.attr(1), ":allowance", Item.attr(allowance)))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** Free calls of this type already taken this month. */
    public int used(long agentId, String type, String month) {
        Item counter = Item.from(table.client().getItem(g -> g.tableName(table.name())
                .key(Item.key(Keys.agent(agentId), Keys.freeTier(type, month)).map()).consistentRead(true)).item());
        return counter.isEmpty() || counter.decimal("used") == null ? 0 : counter.decimal("used").intValue();
    }

    /** Gives back a free call whose work failed. */
    public void giveBack(long agentId, String type, String month) {
        table.client().updateItem(UpdateItemRequest.builder()
                .tableName(table.name())
                .key(Item.key(Keys.agent(agentId), Keys.freeTier(type, month)).map())
                .updateExpression("ADD used :minus")
                .conditionExpression("used > :zero")
                .expressionAttributeValues(Map.of(":minus", Item.attr(-1), ":zero", Item.attr(0)))
                .build());
    }
}
