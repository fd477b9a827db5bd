/* Lifecycle: fork() while other threads use the library (issue 14).
 *
 * A daemon initialises the library, starts worker threads that each create,
 * run and free transactions on their own osip_t as fast as they can, and
 * forks again and again meanwhile, as daemons do to detach and programs do
 * to run helpers. Every child uses the library at once (a fresh osip_t, a
 * transaction created from an incoming request, executed, answered and
 * freed, osip_release) and exits; a child still running after 20 s is
 * counted as hung (a lock held by a parent thread at the fork) and killed.
 * Under valgrind, 5 forks: everything runs on one core there, slowly. */
#include "harness.h"

#include <pthread.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#define WORKERS 3

static volatile int stop;

static int request(char *buf, size_t size, int n, int who) {
  return snprintf(buf, size,
           "OPTIONS sip:bob@example.net SIP/2.0\r\n"
           "Via: SIP/2.0/UDP 10.0.%d.1:5060;branch=z9hG4bKfork%d\r\n"
           "From: <sip:alice@example.com>;tag=f%d\r\n"
           "To: <sip:bob@example.net>\r\n"
           "Call-ID: fork%d-%d@10.0.0.1\r\n"
           "CSeq: 1 OPTIONS\r\n"
           "Content-Length: 0\r\n\r\n",
                  who, n, n, who, n);
}

static int send_nothing(osip_transaction_t *tr, osip_message_t *msg, char *host, int port, int out_socket) {
  (void) tr;
  (void) msg;
  (void) host;
  (void) port;
  (void) out_socket;
  return 0;
}

/* One incoming request through a server transaction, its 200, and the
 * transaction freed: every lock of the library is taken on the way. */
static int one_exchange(osip_t *osip, int n, int who) {
  char buf[512];
  osip_event_t *evt;
  osip_transaction_t *tr;
  osip_message_t *ok;

  int len = request(buf, sizeof buf, n, who);

  evt = osip_parse(buf, (size_t) len);
  if (evt == NULL)
    return -1;
  tr = osip_create_transaction(osip, evt);
  if (tr == NULL) {
    osip_event_free(evt);
    return -1;
  }
  osip_transaction_add_event(tr, evt);
  osip_nist_execute(osip);
  osip_timers_nist_execute(osip);
  if (osip_message_init(&ok) != 0)
    return -1;
  osip_message_set_version(ok, osip_strdup("SIP/2.0"));
  osip_message_set_status_code(ok, 200);
  osip_message_set_reason_phrase(ok, osip_strdup("OK"));
  osip_message_set_via(ok, "SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKfork");
  osip_message_set_cseq(ok, "1 OPTIONS");
  osip_transaction_add_event(tr, osip_new_outgoing_sipmessage(ok));
  osip_nist_execute(osip);
  osip_remove_transaction(osip, tr);
  return osip_transaction_free(tr);
}

static osip_t *new_osip(void) {
  osip_t *osip;

  if (osip_init(&osip) != 0)
    return NULL;
  osip_set_cb_send_message(osip, send_nothing);
  return osip;
}

static void *worker(void *arg) {
  int who = (int) (long) arg, n = 0;
  osip_t *osip = new_osip();

  while (!stop)
    one_exchange(osip, n++, who);
  osip_release(osip);
  return NULL;
}

static int child(void) {
  osip_t *osip;
  int i;

  alarm(20);
  osip = new_osip();
  if (osip == NULL)
    return 2;
  for (i = 0; i < 3; i++)
    if (one_exchange(osip, i, 99) != 0)
      return 3;
  osip_release(osip);
  return 0;
}

int main(int argc, char **argv) {
  pthread_t threads[WORKERS];
  int forks = getenv("LIFECYCLE_FORKS") ? atoi(getenv("LIFECYCLE_FORKS")) : 400;
  int i, ok = 0, hung = 0, failed = 0;
  osip_t *osip;

  (void) argc;
  (void) argv;
  if (getenv("LD_PRELOAD") != NULL && strstr(getenv("LD_PRELOAD"), "valgrind") != NULL)
    forks = 5;
  osip = new_osip(); /* the daemon's own instance, made before the threads */
  for (i = 0; i < WORKERS; i++)
    pthread_create(&threads[i], NULL, worker, (void *) (long) i);
  for (i = 0; i < forks; i++) {
    pid_t pid = fork();
    int status = 0;

    if (pid == 0)
      _exit(child());
    if (pid < 0) {
      failed++;
      continue;
    }
    waitpid(pid, &status, 0);
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
      ok++;
    else if (WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM)
      hung++;
    else
      failed++;
  }
  stop = 1;
  for (i = 0; i < WORKERS; i++)
    pthread_join(threads[i], NULL);
  osip_release(osip);
  printf("children that used the library and exited 0: %s\n", ok == forks ? "all" : "NOT ALL");
  printf("children hung: %d, failed: %d\n", hung, failed);
  return 0;
}
