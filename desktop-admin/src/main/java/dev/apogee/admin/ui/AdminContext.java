package dev.apogee.admin.ui;

import dev.apogee.admin.service.NativeAdminService;
import dev.apogee.admin.store.AdminStore;
import dev.apogee.admin.task.ErrorLog;
import dev.apogee.admin.task.ExecutorTaskRunner;
import dev.apogee.admin.task.TaskRunner;
import dev.apogee.admin.viewmodel.BrowseViewModel;
import dev.apogee.admin.viewmodel.ClusterViewModel;
import dev.apogee.admin.viewmodel.ConnectionsViewModel;
import dev.apogee.admin.viewmodel.ConsumerGroupsViewModel;
import dev.apogee.admin.viewmodel.DeadLettersViewModel;
import dev.apogee.admin.viewmodel.ExportViewModel;
import dev.apogee.admin.viewmodel.MessageDetailViewModel;
import dev.apogee.admin.viewmodel.ProducerViewModel;
import dev.apogee.admin.viewmodel.QueryViewModel;
import dev.apogee.admin.viewmodel.Session;
import dev.apogee.admin.viewmodel.TopicsViewModel;
import dev.apogee.admin.viewmodel.WatchViewModel;
import java.nio.file.Path;
import java.time.Clock;
import javafx.application.Platform;

/**
 * Everything below the views, wired as the application runs it: the store, the error log, the pooled
 * task runner posting to the JavaFX thread, the session over the native client, and one view model per
 * screen. Made and closed on the JavaFX thread.
 */
public final class AdminContext implements AutoCloseable {

    /** Background threads: enough for a slow cluster call not to hold up the rest, few enough for a laptop. */
    static final int TASK_THREADS = 4;
    /** Tasks waiting at most; a user cannot sensibly queue more, and a stuck cluster must not pile up work. */
    static final int TASK_QUEUE = 64;

    private final AdminStore store;
    private final ErrorLog errors;
    private final TaskRunner tasks;
    private final Session session;
    private final FilePicker files;
    private final ConnectionsViewModel connections;
    private final ClusterViewModel cluster;
    private final TopicsViewModel topics;
    private final BrowseViewModel browse;
    private final QueryViewModel query;
    private final MessageDetailViewModel detail;
    private final ConsumerGroupsViewModel groups;
    private final WatchViewModel watch;
    private final ProducerViewModel producer;
    private final DeadLettersViewModel deadLetters;
    private final ExportViewModel export;

    private AdminContext(AdminStore store, FilePicker files) {
        this.store = store;
        this.files = files;
        this.errors = new ErrorLog();
        this.tasks = ExecutorTaskRunner.pooled(TASK_THREADS, TASK_QUEUE, Platform::runLater, errors);
        this.session = new Session(tasks, store, NativeAdminService::connect, Clock.systemDefaultZone());
        this.connections = new ConnectionsViewModel(session);
        this.cluster = new ClusterViewModel(session);
        this.topics = new TopicsViewModel(session);
        this.browse = new BrowseViewModel(session);
        this.query = new QueryViewModel(session);
        this.detail = new MessageDetailViewModel(session);
        this.groups = new ConsumerGroupsViewModel(session);
        this.watch = new WatchViewModel(session);
        this.producer = new ProducerViewModel(session);
        this.deadLetters = new DeadLettersViewModel(session);
        this.export = new ExportViewModel(session);
    }

    /**
     * Opens the store in {@code options}' data directory and makes the rest.
     *
     * @throws dev.apogee.admin.store.StoreException if the store cannot be opened (another instance has it)
     */
    public static AdminContext open(AdminOptions options) {
        return new AdminContext(AdminStore.open(options.dataDirectory()), options.files());
    }

    public AdminStore store() {
        return store;
    }

    public ErrorLog errors() {
        return errors;
    }

    public TaskRunner tasks() {
        return tasks;
    }

    public Session session() {
        return session;
    }

    public FilePicker files() {
        return files;
    }

    public ConnectionsViewModel connections() {
        return connections;
    }

    public ClusterViewModel cluster() {
        return cluster;
    }

    public TopicsViewModel topics() {
        return topics;
    }

    public BrowseViewModel browse() {
        return browse;
    }

    public QueryViewModel query() {
        return query;
    }

    public MessageDetailViewModel detail() {
        return detail;
    }

    public ConsumerGroupsViewModel groups() {
        return groups;
    }

    public WatchViewModel watch() {
        return watch;
    }

    public ProducerViewModel producer() {
        return producer;
    }

    public DeadLettersViewModel deadLetters() {
        return deadLetters;
    }

    public ExportViewModel export() {
        return export;
    }

    /** Closes the live connection, the task threads and the store, in that order. */
    @Override
    public void close() {
        session.close();
        tasks.close();
        store.close();
    }
}
