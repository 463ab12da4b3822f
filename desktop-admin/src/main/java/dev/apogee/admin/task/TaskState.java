package dev.apogee.admin.task;

/** Where a background task is in its life. */
public enum TaskState {
    /** Submitted, waiting for a thread. */
    SCHEDULED,
    /** Working. */
    RUNNING,
    /** Done; its result was delivered. */
    SUCCEEDED,
    /** Failed; the failure was reported. */
    FAILED,
    /** Cancelled before it finished; nothing was delivered. */
    CANCELLED;

    /** Whether the task is over. */
    public boolean finished() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
