/*
 * pthread.h - for the WebAssembly verifier (make build/verifier.wasm):
 * Debian 12's wasi-libc has no threads and no pthread.h.  The verifier
 * runs on one thread, so a once-call is a flag and a mutex does
 * nothing; only what gen/ uses is here.
 */
#ifndef BADGEGEN_WASM_PTHREAD_H
#define BADGEGEN_WASM_PTHREAD_H

typedef int pthread_once_t;
typedef int pthread_mutex_t;

#define PTHREAD_ONCE_INIT		0
#define PTHREAD_MUTEX_INITIALIZER	0

static inline int
pthread_once(pthread_once_t *once, void (*fn)(void))
{
	if (*once == 0) {
		*once = 1;
		fn();
	}
	return 0;
}

static inline int
pthread_mutex_lock(pthread_mutex_t *m)
{
	(void)m;
	return 0;
}

static inline int
pthread_mutex_unlock(pthread_mutex_t *m)
{
	(void)m;
	return 0;
}

#endif
