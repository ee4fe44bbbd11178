/* Loaded before libfaketime by ./dev.sh test-at: waits and sleeps measure real time.
 *
 * Debian 12's libfaketime 0.9.10 shifts the deadline of every timed wait by the fake offset,
 * including waits on the monotonic clock it is told not to fake (wolfcw/libfaketime issue 426):
 * Python 3.11's time.sleep (clock_nanosleep with TIMER_ABSTIME) fails with EINVAL, and Qt's
 * timed waits (QThread::wait, QWaitCondition: pthread_cond_timedwait on a monotonic condition)
 * return at once.  A wait is a duration, not a reading of the wall clock, so these two calls go
 * straight to the C library; every reading of the time (time, gettimeofday, clock_gettime with
 * CLOCK_REALTIME) is still faked.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>
#include <time.h>

static void *libc_symbol(const char *name, const char *const *versions)
{
    void *libc = dlopen("libc.so.6", RTLD_NOW | RTLD_NOLOAD);
    for (; libc != NULL && *versions != NULL; versions++) {
        void *found = dlvsym(libc, name, *versions);
        if (found != NULL)
            return found;
    }
    return NULL;
}

int pthread_cond_timedwait(pthread_cond_t *cond, pthread_mutex_t *mutex, const struct timespec *abstime)
{
    static int (*real)(pthread_cond_t *, pthread_mutex_t *, const struct timespec *);
    static const char *const versions[] = {"GLIBC_2.3.2", "GLIBC_2.17", NULL};
    if (real == NULL)
        *(void **)&real = libc_symbol("pthread_cond_timedwait", versions);
    return real(cond, mutex, abstime);
}

int clock_nanosleep(clockid_t clock, int flags, const struct timespec *request, struct timespec *remain)
{
    static int (*real)(clockid_t, int, const struct timespec *, struct timespec *);
    static const char *const versions[] = {"GLIBC_2.17", NULL};
    if (real == NULL)
        *(void **)&real = libc_symbol("clock_nanosleep", versions);
    return real(clock, flags, request, remain);
}
