package com.ceki.apidocs;

import com.ceki.http.HttpFunction;

/**
 * Lambda entry point of what an agent reads first: the OpenAPI document, the reference page, llms.txt and the A2A
 * agent card (all public). The object graph is built once per container, at construction.
 */
public final class ApiDocsHandler extends HttpFunction {

    public ApiDocsHandler() {
        super(DaggerApiDocsComponent.create().routes().router());
    }
}
