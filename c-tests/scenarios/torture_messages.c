/* Every message of c-tests/torture/ (RFC 4475 torture messages and the
 * shapes behind libosip2's CVEs) received from the network, in file-name
 * order, by one instance: each gets an outcome (dropped by the parser,
 * matched to a transaction, a new transaction, or dropped because no
 * transaction can be built), then the state machines run and a due-timer
 * pass follows. Later files reuse branches of earlier ones, so matching is
 * exercised too. Then every message is fed again as the application's own
 * (outgoing), which builds client transactions. */
#include <dirent.h>

#include "harness.h"

#define MAX_FILES 256

static int by_name(const void *a, const void *b) {
  return strcmp(*(char *const *) a, *(char *const *) b);
}

/* The directory next to this file's: the harness compiles it by absolute path. */
static void torture_dir(char *out, size_t size) {
  const char *slash;

  snprintf(out, size, "%s", __FILE__);
  slash = strrchr(out, '/');
  if (slash == NULL) {
    snprintf(out, size, "../torture");
    return;
  }
  snprintf(out + (slash - out), size - (size_t) (slash - out), "/../torture");
}

static char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  char *buf;
  long n;

  if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0) {
    printf("HARNESS: cannot read %s\n", path);
    exit(3);
  }
  rewind(f);
  buf = malloc((size_t) n + 1);
  if (buf == NULL || fread(buf, 1, (size_t) n, f) != (size_t) n) {
    printf("HARNESS: cannot read %s\n", path);
    exit(3);
  }
  buf[n] = '\0';
  fclose(f);
  *len = (size_t) n;
  return buf;
}

static void feed(osip_t *osip, const char *name, const char *buf, size_t len, int outgoing) {
  osip_event_t *evt = osip_parse(buf, len);
  osip_transaction_t *tr;

  printf("%-44s ", name);
  if (evt == NULL) {
    printf("dropped: osip_parse failed\n");
    return;
  }
  if (outgoing) {
    /* The application sends what it parsed (type as a sender sees it). */
    osip_message_t *sip = evt->sip;

    evt->sip = NULL;
    osip_event_free(evt);
    evt = osip_new_outgoing_sipmessage(sip);
    if (evt == NULL) {
      printf("dropped: osip_new_outgoing_sipmessage refused it\n");
      osip_message_free(sip);
      return;
    }
  }
  printf("%s ", h_event_name(evt->type));
  if (!outgoing && osip_find_transaction_and_add_event(osip, evt) == 0) {
    printf("matched\n");
    return;
  }
  tr = osip_create_transaction(osip, evt);
  if (tr == NULL) {
    printf("dropped: no transaction\n");
    osip_event_free(evt);
    return;
  }
  printf("new tr=%d ctx_type=%d\n", h_id(tr), (int) tr->ctx_type);
  osip_transaction_add_event(tr, evt);
}

int main(void) {
  char dir[4096], path[8192];
  char *names[MAX_FILES];
  int n = 0, i, pass;
  DIR *d;
  struct dirent *e;
  osip_t *osip;

  torture_dir(dir, sizeof(dir));
  d = opendir(dir);
  if (d == NULL) {
    printf("HARNESS: no directory %s\n", dir);
    return 3;
  }
  while ((e = readdir(d)) != NULL && n < MAX_FILES) {
    size_t l = strlen(e->d_name);

    if (l > 4 && strcmp(e->d_name + l - 4, ".sip") == 0)
      names[n++] = strdup(e->d_name);
  }
  closedir(d);
  qsort(names, (size_t) n, sizeof(names[0]), by_name);

  h_init(&osip);
  h_send_verbose = 0;
  for (pass = 0; pass < 2; pass++) {
    h_step(pass == 0 ? "received" : "sent by the application");
    for (i = 0; i < n; i++) {
      size_t len;
      char *buf;

      snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
      buf = slurp(path, &len);
      feed(osip, names[i], buf, len, pass);
      free(buf);
      h_exec_all(osip);
    }
    h_step("lists after %s", pass == 0 ? "receiving" : "sending");
    h_lists(osip);
  }
  h_step("due timers");
  {
    osip_list_iterator_t it;
    int k;
    osip_list_t *lists[4] = {&osip->osip_ict_transactions, &osip->osip_ist_transactions,
                             &osip->osip_nict_transactions, &osip->osip_nist_transactions};

    for (k = 0; k < 4; k++) {
      osip_transaction_t *tr = osip_list_get_first(lists[k], &it);

      while (tr != NULL) {
        if (tr->ict_context != NULL) {
          h_force(&tr->ict_context->timer_a_start);
          h_force(&tr->ict_context->timer_b_start);
        }
        if (tr->nict_context != NULL) {
          h_force(&tr->nict_context->timer_e_start);
          h_force(&tr->nict_context->timer_f_start);
        }
        tr = osip_list_get_next(&it);
      }
    }
  }
  h_run(osip);
  h_lists(osip);
  h_done(osip);
  for (i = 0; i < n; i++)
    free(names[i]);
  return 0;
}
