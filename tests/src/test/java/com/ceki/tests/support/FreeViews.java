package com.ceki.tests.support;

import com.ceki.core.time.Clocks;
import com.ceki.storage.Item;
import com.ceki.storage.Keys;
import java.time.YearMonth;
import java.time.ZoneOffset;

/** The month's free profile views ({@code api_user_view}) of an agent, read and set in the real table. */
public final class FreeViews {

    private FreeViews() {}

    /** Views of this month's allowance already taken. */
    public static long used(long agentId) {
        var item = TestServer.dynamo().getItem(g -> g.tableName(TestServer.table().name())
                .key(Item.key(Keys.agent(agentId), Keys.freeTier("api_user_view", month())).map()).consistentRead(true)).item();
        return item == null || item.isEmpty() ? 0 : Item.from(item).number("used", 0);
    }

    /** Puts the agent {@code used} views into this month's allowance (to test at its boundary). */
    public static void setUsed(long agentId, int used) {
        TestServer.dynamo().putItem(p -> p.tableName(TestServer.table().name()).item(
                Item.key(Keys.agent(agentId), Keys.freeTier("api_user_view", month())).n("used", used).map()));
    }

    /** The billing month by the functions' clock (the shared adjustable test clock). */
    private static String month() {
        return YearMonth.from(Clocks.adjustable().instant().atZone(ZoneOffset.UTC)).toString();
    }
}
