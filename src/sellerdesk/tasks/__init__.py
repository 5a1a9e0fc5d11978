"""Background work: the task runner with its writer lane, worker pools and task contexts."""
