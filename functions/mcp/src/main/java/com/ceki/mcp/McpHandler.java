package com.ceki.mcp;

import com.ceki.http.HttpFunction;

/**
 * Lambda entry point of the MCP server ({@code POST /mcp}). Its construction builds no tool's graph and reads no
 * document: a tool's function is built on its first call, the tool list on the first {@code tools/list}.
 */
public final class McpHandler extends HttpFunction {

    public McpHandler() {
        super(DaggerMcpComponent.create().routes().router());
    }
}
