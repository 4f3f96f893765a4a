#include <spawn.h>
#include <sys/prctl.h>

// prctl is variadic, which Swift cannot call. As a child subreaper, leakkb
// inherits the orphans of its demos' descendants instead of init, so an
// escaped process (new session or group) is still found under it in /proc.
static inline int leakkb_become_child_subreaper(void) {
    return prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
}

// GNU extensions (glibc 2.9 and 2.34) that Swift's Glibc module, built without
// _GNU_SOURCE, does not declare.
extern int pipe2(int fds[2], int flags);
extern int posix_spawn_file_actions_addclosefrom_np(posix_spawn_file_actions_t *actions, int from);
