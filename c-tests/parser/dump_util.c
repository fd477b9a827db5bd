/* Output buffer, escaping and allocator accounting of the parser dump. */
#define _DEFAULT_SOURCE
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dump.h"

/* ------------------------------------------------------------------ */
/* Output                                                               */
/* ------------------------------------------------------------------ */

static char *obuf;
static size_t olen, ocap;
static int ofd = 1;

static void o_reserve(size_t more) {
  if (olen + more + 1 <= ocap)
    return;
  while (olen + more + 1 > ocap)
    ocap = ocap ? ocap * 2 : (size_t) 1 << 20;
  obuf = realloc(obuf, ocap);
  if (obuf == NULL) {
    static const char msg[] = "dump: out of memory for the output buffer\n";
    (void) !write(2, msg, sizeof msg - 1);
    _exit(70);
  }
}

void out_init(void) { o_reserve(1); }

void out_set_fd(int fd) { ofd = fd; }

void out_close_current(void) {
  if (ofd > 2)
    close(ofd);
  ofd = 1;
}

static void write_all(int fd, const char *b, size_t n) {
  while (n > 0) {
    ssize_t w = write(fd, b, n);
    if (w <= 0)
      return;
    b += w;
    n -= (size_t) w;
  }
}

void out_flush(void) {
  write_all(ofd, obuf, olen);
  olen = 0;
}

void out_crash_flush(void) {
  /* Only write(2): called from a signal handler. */
  size_t n = olen;
  olen = 0;
  write_all(ofd, obuf, n);
}

void o_printf(const char *fmt, ...) {
  va_list ap;
  int n;

  va_start(ap, fmt);
  n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n < 0)
    return;
  o_reserve((size_t) n);
  va_start(ap, fmt);
  vsnprintf(obuf + olen, (size_t) n + 1, fmt, ap);
  va_end(ap);
  olen += (size_t) n;
}

void pathf(char *out, const char *fmt, ...) {
  va_list ap;

  va_start(ap, fmt);
  vsnprintf(out, PATH, fmt, ap);
  va_end(ap);
}

void o_raw(const char *s) {
  size_t n = strlen(s);
  o_reserve(n);
  memcpy(obuf + olen, s, n);
  olen += n;
}

void o_esc(const char *b, size_t n, int quote) {
  static const char hex[] = "0123456789abcdef";
  size_t i;

  o_reserve(n * 4 + 2);
  if (quote)
    obuf[olen++] = '"';
  for (i = 0; i < n; i++) {
    unsigned char c = (unsigned char) b[i];
    char *d = obuf + olen;
    if (c == '\\' || (quote && c == '"')) {
      d[0] = '\\';
      d[1] = (char) c;
      olen += 2;
    } else if (c == '\r') {
      d[0] = '\\';
      d[1] = 'r';
      olen += 2;
    } else if (c == '\n') {
      d[0] = '\\';
      d[1] = 'n';
      olen += 2;
    } else if (c == '\t') {
      d[0] = '\\';
      d[1] = 't';
      olen += 2;
    } else if (c < 0x20 || c >= 0x7f) {
      d[0] = '\\';
      d[1] = 'x';
      d[2] = hex[c >> 4];
      d[3] = hex[c & 15];
      olen += 4;
    } else {
      d[0] = (char) c;
      olen += 1;
    }
  }
  if (quote)
    obuf[olen++] = '"';
}

void o_str(const char *s) {
  if (s == NULL)
    o_raw("NULL");
  else
    o_esc(s, strlen(s), 1);
}

void o_kv(const char *p, const char *field, const char *s) {
  o_printf("%s.%s = ", p, field);
  o_str(s);
  o_raw("\n");
}

void o_blob(const char *p, const char *b, size_t n) {
  size_t i, start = 0;

  if (b == NULL) {
    o_printf("%s = NULL\n", p);
    return;
  }
  o_printf("%s.len = %zu\n", p, n);
  for (i = 0; i < n; i++) {
    if (b[i] == '\n' || i + 1 == n) {
      o_printf("%s| ", p);
      o_esc(b + start, i + 1 - start, 0);
      o_raw("\n");
      start = i + 1;
    }
  }
}

size_t cap_begin(void) { return olen; }

char *cap_end(size_t mark) {
  size_t n = olen - mark;
  char *s = malloc(n + 1);

  if (s == NULL)
    _exit(70);
  memcpy(s, obuf + mark, n);
  s[n] = '\0';
  olen = mark;
  return s;
}

/* ------------------------------------------------------------------ */
/* Allocator accounting                                                 */
/* ------------------------------------------------------------------ */

/* Live blocks in an open-addressing table keyed by address (linear
 * probing, backward-shift deletion). Backing memory comes from libc
 * directly, never from the hooks. */
struct slot {
  uintptr_t key; /* 0 = empty */
  size_t size;
};
static struct slot *tab;
static size_t tab_cap, tab_used;
static struct acct_snapshot st;

static size_t hash_ptr(uintptr_t k) {
  k ^= k >> 33;
  k *= (uintptr_t) 0xff51afd7ed558ccdULL;
  k ^= k >> 33;
  return (size_t) k;
}

static void tab_insert(uintptr_t k, size_t size);

static void tab_grow(void) {
  struct slot *old = tab;
  size_t i, old_cap = tab_cap;

  tab_cap = tab_cap ? tab_cap * 2 : 1 << 14;
  tab = calloc(tab_cap, sizeof *tab);
  if (tab == NULL)
    _exit(71);
  tab_used = 0;
  for (i = 0; i < old_cap; i++)
    if (old[i].key)
      tab_insert(old[i].key, old[i].size);
  free(old);
}

static void tab_insert(uintptr_t k, size_t size) {
  size_t i;

  if ((tab_used + 1) * 2 > tab_cap)
    tab_grow();
  i = hash_ptr(k) & (tab_cap - 1);
  while (tab[i].key && tab[i].key != k)
    i = (i + 1) & (tab_cap - 1);
  if (tab[i].key == 0)
    tab_used++;
  tab[i].key = k;
  tab[i].size = size;
}

static struct slot *tab_find(uintptr_t k) {
  size_t i;

  if (tab_cap == 0)
    return NULL;
  i = hash_ptr(k) & (tab_cap - 1);
  while (tab[i].key) {
    if (tab[i].key == k)
      return &tab[i];
    i = (i + 1) & (tab_cap - 1);
  }
  return NULL;
}

/* Removes k; returns its size via *size. 0 if it was not there. */
static int tab_remove(uintptr_t k, size_t *size) {
  struct slot *s = tab_find(k);
  size_t i, j;

  if (s == NULL)
    return 0;
  *size = s->size;
  i = (size_t) (s - tab);
  tab[i].key = 0;
  tab_used--;
  j = i;
  for (;;) {
    size_t home;
    j = (j + 1) & (tab_cap - 1);
    if (tab[j].key == 0)
      break;
    home = hash_ptr(tab[j].key) & (tab_cap - 1);
    /* Move j back to i if its home is not cyclically in (i, j]. */
    if ((i <= j) ? (home <= i || home > j) : (home <= i && home > j)) {
      tab[i] = tab[j];
      tab[j].key = 0;
      i = j;
    }
  }
  return 1;
}

static void live_add(void *p, size_t n) {
  tab_insert((uintptr_t) p, n);
  st.live_blocks++;
  st.live_bytes += n;
  if (st.live_bytes > st.peak_bytes)
    st.peak_bytes = st.live_bytes;
}

static void *hook_malloc(size_t n) {
  void *p = malloc(n ? n : 1);

  st.mallocs++;
  if (p == NULL) {
    st.failed++;
    return NULL;
  }
  live_add(p, n);
  return p;
}

static void hook_free(void *p) {
  size_t n;

  st.frees++;
  if (p == NULL)
    return;
  if (!tab_remove((uintptr_t) p, &n)) {
    /* Not ours: counted, and deliberately not handed to libc. */
    st.foreign_frees++;
    return;
  }
  st.live_blocks--;
  st.live_bytes -= n;
  free(p);
}

static void *hook_realloc(void *p, size_t n) {
  size_t old;
  void *q;

  st.reallocs++;
  if (p == NULL)
    return hook_malloc(n);
  if (!tab_remove((uintptr_t) p, &old)) {
    st.foreign_frees++;
    return NULL;
  }
  st.live_blocks--;
  st.live_bytes -= old;
  q = realloc(p, n ? n : 1);
  if (q == NULL) {
    st.failed++;
    live_add(p, old);
    return NULL;
  }
  live_add(q, n);
  return q;
}

void acct_install(void) { osip_set_allocators(hook_malloc, hook_realloc, hook_free); }

void acct_get(struct acct_snapshot *s) { *s = st; }

void acct_reset_counts(void) {
  st.mallocs = st.reallocs = st.frees = st.foreign_frees = st.failed = 0;
  st.peak_bytes = st.live_bytes;
}

int acct_owned(const void *p) { return p != NULL && tab_find((uintptr_t) p) != NULL; }

size_t acct_clamp(const void *p, size_t n) {
  struct slot *s = p != NULL ? tab_find((uintptr_t) p) : NULL;
  return (s != NULL && s->size < n) ? s->size : n;
}

size_t acct_release_all(void) {
  size_t i, n = 0;

  for (i = 0; i < tab_cap; i++) {
    if (tab[i].key) {
      free((void *) tab[i].key);
      tab[i].key = 0;
      n++;
    }
  }
  tab_used = 0;
  st.live_blocks = 0;
  st.live_bytes = 0;
  return n;
}

void check_owned(const char *p, const void *ptr) {
  if (ptr != NULL && !acct_owned(ptr))
    o_printf("%s.own = NOT-FROM-HOOKS\n", p);
}
