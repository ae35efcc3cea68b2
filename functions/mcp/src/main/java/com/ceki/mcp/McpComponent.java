package com.ceki.mcp;

import com.ceki.core.CoreModule;
import dagger.Component;
import javax.inject.Singleton;

/** The MCP function's own object graph (the tools' functions build theirs), generated at compile time by Dagger. */
@Singleton
@Component(modules = {CoreModule.class})
interface McpComponent {

    McpRoutes routes();
}
