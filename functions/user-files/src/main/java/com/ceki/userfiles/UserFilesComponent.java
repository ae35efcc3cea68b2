package com.ceki.userfiles;

import com.ceki.core.CoreModule;
import com.ceki.files.FilesModule;
import com.ceki.storage.StorageModule;
import dagger.Component;
import javax.inject.Singleton;

/** The files function's object graph, generated at compile time by Dagger. */
@Singleton
@Component(modules = {CoreModule.class, StorageModule.class, FilesModule.class})
interface UserFilesComponent {

    UserFilesRoutes routes();
}
