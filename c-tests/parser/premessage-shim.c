/* premessage-shim: lets the dump run the direct cases of a header area on
 * our library before the message core (osip_message.c,
 * osip_message_to_str.c, osip_parser_cfg.c) exists in it. TEMPORARY:
 * delete when our library exports these four functions.
 *
 * Preloaded for both sides of a comparison:
 *
 *   cc -shared -fPIC -O1 -o premessage-shim.so c-tests/parser/premessage-shim.c -losipparser2 -ldl
 *   LD_PRELOAD=$PWD/premessage-shim.so c-tests/parser/compare.sh [--valgrind] \
 *       --list LIST /usr/lib/x86_64-linux-gnu DIR_B
 *
 * Each function forwards to the library's own when it has one (Debian's:
 * side A is untouched), and otherwise does what the dump's direct cases
 * need of it: parser_init does nothing; osip_message_init/free handle an
 * empty message holding only authentication headers (anything else is a
 * fatal error of the shim, so a unit can never pass by accident);
 * osip_message_to_str_sipfrag writes those headers as Debian's does (the
 * order of its table, `Name: value` CRLF, an element that fails aborts
 * the call with its code) and the final CRLF. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <osipparser2/osip_parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REAL(ret, name, args)                                                                                          \
  static ret(*real_##name) args;                                                                                       \
  static int looked_##name;                                                                                            \
  static ret(*get_##name(void)) args {                                                                                 \
    if (!looked_##name) {                                                                                              \
      *(void **) (&real_##name) = dlsym(RTLD_NEXT, #name);                                                             \
      looked_##name = 1;                                                                                               \
    }                                                                                                                  \
    return real_##name;                                                                                                \
  }

REAL(int, parser_init, (void))
REAL(int, osip_message_init, (osip_message_t **))
REAL(void, osip_message_free, (osip_message_t *))
REAL(int, osip_message_to_str_sipfrag, (osip_message_t *, char **, size_t *))

static void die(const char *what) {
  fprintf(stderr, "premessage-shim: %s\n", what);
  abort();
}

int parser_init(void) {
  if (get_parser_init() != NULL)
    return real_parser_init();
  return 0;
}

int osip_message_init(osip_message_t **sip) {
  if (get_osip_message_init() != NULL)
    return real_osip_message_init(sip);
  *sip = osip_malloc(sizeof(osip_message_t));
  if (*sip == NULL)
    return OSIP_NOMEM;
  memset(*sip, 0, sizeof(osip_message_t));
  (*sip)->message_property = 3;
  return OSIP_SUCCESS;
}

/* The lists the shim knows; every other field must be empty. */
static int only_auth(const osip_message_t *m) {
  osip_message_t z;

  memset(&z, 0, sizeof z);
  z.authorizations = m->authorizations;
  z.proxy_authorizations = m->proxy_authorizations;
  z.www_authenticates = m->www_authenticates;
  z.proxy_authenticates = m->proxy_authenticates;
  z.authentication_infos = m->authentication_infos;
  z.proxy_authentication_infos = m->proxy_authentication_infos;
  z.message_property = m->message_property;
  return memcmp(&z, m, sizeof z) == 0;
}

void osip_message_free(osip_message_t *sip) {
  if (get_osip_message_free() != NULL) {
    real_osip_message_free(sip);
    return;
  }
  if (sip == NULL)
    return;
  if (!only_auth(sip))
    die("osip_message_free: a field the shim does not know is set");
  osip_list_special_free(&sip->authorizations, (void (*)(void *)) osip_authorization_free);
  osip_list_special_free(&sip->proxy_authorizations, (void (*)(void *)) osip_authorization_free);
  osip_list_special_free(&sip->www_authenticates, (void (*)(void *)) osip_www_authenticate_free);
  osip_list_special_free(&sip->proxy_authenticates, (void (*)(void *)) osip_www_authenticate_free);
  osip_list_special_free(&sip->authentication_infos, (void (*)(void *)) osip_authentication_info_free);
  osip_list_special_free(&sip->proxy_authentication_infos, (void (*)(void *)) osip_authentication_info_free);
  osip_free(sip);
}

struct buf {
  char *s;
  size_t len, cap;
};

static void put(struct buf *b, const char *s) {
  size_t n = strlen(s);

  if (b->s == NULL) {
    b->cap = 256;
    b->s = osip_malloc(b->cap);
  }
  if (b->s != NULL && b->len + n + 1 > b->cap) {
    b->cap = (b->len + n + 1) * 2;
    b->s = osip_realloc(b->s, b->cap);
  }
  if (b->s == NULL)
    die("out of memory");
  memcpy(b->s + b->len, s, n + 1);
  b->len += n;
}

static int lines(struct buf *b, osip_list_t *l, const char *name, int (*to_str)(void *, char **)) {
  int i, rc;

  for (i = 0; i < osip_list_size(l); i++) {
    char *v = NULL;

    rc = to_str(osip_list_get(l, i), &v);
    if (rc != 0)
      return rc;
    put(b, name);
    put(b, v);
    put(b, "\r\n");
    osip_free(v);
  }
  return 0;
}

int osip_message_to_str_sipfrag(osip_message_t *sip, char **dest, size_t *len) {
  struct buf b = {NULL, 0, 0};
  int rc = 0;

  if (get_osip_message_to_str_sipfrag() != NULL)
    return real_osip_message_to_str_sipfrag(sip, dest, len);
  *dest = NULL;
  if (!only_auth(sip))
    die("osip_message_to_str_sipfrag: a field the shim does not know is set");
  put(&b, "");
#define LINES(list, name, f)                                                                                           \
  if (rc == 0)                                                                                                         \
  rc = lines(&b, &sip->list, name, (int (*)(void *, char **)) f)
  LINES(authorizations, "Authorization: ", osip_authorization_to_str);
  LINES(www_authenticates, "WWW-Authenticate: ", osip_www_authenticate_to_str);
  LINES(proxy_authenticates, "Proxy-Authenticate: ", osip_www_authenticate_to_str);
  LINES(proxy_authorizations, "Proxy-Authorization: ", osip_authorization_to_str);
  LINES(authentication_infos, "Authentication-Info: ", osip_authentication_info_to_str);
  LINES(proxy_authentication_infos, "Proxy-Authentication-Info: ", osip_authentication_info_to_str);
  if (rc != 0) {
    osip_free(b.s);
    return rc;
  }
  put(&b, "\r\n");
  *dest = b.s;
  if (len != NULL)
    *len = b.len;
  return 0;
}
