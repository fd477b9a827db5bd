/* What the programs of c-tests/parser that print a library's results
 * share (message_api.c, headers_api.c, auth_api.c, port.c): allocation
 * accounting through the osip allocator hooks (every string a function
 * returns must be a block of the hooks, and nothing may stay allocated),
 * and one way to print bytes. Header-only: each program is one file. */
#ifndef C_TESTS_PARSER_HOOKS_H
#define C_TESTS_PARSER_HOOKS_H

#include <osipparser2/osip_port.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXB 16384
static void *blocks[MAXB];
/* Blocks of the hooks still allocated; frees and reallocs of blocks the
 * hooks never gave. */
static long live, foreign;

static void track(void *p) {
  int i;
  for (i = 0; i < MAXB; i++)
    if (blocks[i] == NULL) {
      blocks[i] = p;
      live++;
      return;
    }
  fprintf(stderr, "hooks.h: more than %d blocks\n", MAXB);
  exit(2);
}
static void *h_malloc(size_t n) {
  void *p = malloc(n);
  track(p);
  return p;
}
static void *h_realloc(void *p, size_t n) {
  void *q;
  int i;
  if (p == NULL)
    return h_malloc(n);
  q = realloc(p, n);
  for (i = 0; i < MAXB; i++)
    if (blocks[i] == p) {
      blocks[i] = q;
      return q;
    }
  foreign++;
  return q;
}
static void h_free(void *p) {
  int i;
  if (p == NULL)
    return;
  for (i = 0; i < MAXB; i++)
    if (blocks[i] == p) {
      blocks[i] = NULL;
      live--;
      free(p);
      return;
    }
  foreign++;
  free(p);
}
static int owned(const void *p) {
  int i;
  for (i = 0; i < MAXB; i++)
    if (blocks[i] == p)
      return 1;
  return 0;
}

/* `n` bytes quoted, with C escapes for quotes, backslashes, CR, LF, tab
 * and other bytes outside printable ASCII. */
static void esc_n(const char *s, size_t n) {
  size_t i;
  putchar('"');
  for (i = 0; i < n; i++) {
    unsigned char c = (unsigned char) s[i];
    if (c == '"' || c == '\\')
      printf("\\%c", c);
    else if (c == '\r')
      printf("\\r");
    else if (c == '\n')
      printf("\\n");
    else if (c == '\t')
      printf("\\t");
    else if (c < 0x20 || c >= 0x7f)
      printf("\\x%02x", c);
    else
      putchar(c);
  }
  putchar('"');
}
/* A string quoted, or NULL. */
static void esc(const char *s) {
  if (s == NULL)
    printf("NULL");
  else
    esc_n(s, strlen(s));
}
/* A returned string: its text, whether the hooks allocated it; freed.
 * (inline: not every program uses it.) */
static inline void show_owned(char *s) {
  esc(s);
  if (s != NULL) {
    if (!owned(s))
      printf(" (NOT FROM THE HOOKS)");
    osip_free(s);
  }
}

#endif
