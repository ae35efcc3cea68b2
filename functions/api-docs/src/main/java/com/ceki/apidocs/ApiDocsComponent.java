package com.ceki.apidocs;

import com.ceki.core.CoreModule;
import dagger.Component;
import javax.inject.Singleton;

/** The discovery function's object graph, generated at compile time by Dagger. */
@Singleton
@Component(modules = {CoreModule.class})
interface ApiDocsComponent {

    ApiDocsRoutes routes();
}
