/* auth_api: every function of libosipparser2's authentication headers
 * (osip_authorization_*, osip_www_authenticate_*, osip_authentication_info_*)
 * and the message's accessors for the six of them
 * (osip_message_{set,get}_{authorization, proxy_authorization,
 * www_authenticate, proxy_authenticate, authentication_info,
 * proxy_authentication_info}), called on hand-built structures and printed
 * one result a line, to be diffed between Debian's library and ours
 * (tests/parser_auth_api.rs runs it with each).
 *
 * What the parser dump cannot reach: the getters and setters (a setter
 * stores the pointer as is and never frees the previous value: the program
 * frees it itself, so a library that freed it would show a foreign free
 * or a double free), to_str and clone of structures no parse produces
 * (each field alone, no scheme), NULL structures where Debian checks for
 * them, and osip_message_get_X at every kind of position. The message is
 * built by hand (zeroed, as osip_message_init leaves it) so that the
 * program needs nothing of the message core.
 *
 * Only inputs on which Debian's library neither crashes nor leaks are
 * used (NULL structures given to getters, setters, _init and _parse, and
 * a second parse into a used structure, are in docs/deviations.md). */
#include <limits.h>
#include <osipparser2/osip_parser.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hooks.h"

/* A returned string: its text, whether the hooks allocated it; freed. */
static void owned_str(char *s) {
  show_owned(s);
  putchar('\n');
}

/* ------------------------------------------------------------------ */
/* One table per structure: each field with its getter and setter.     */

typedef char *(*getter_t)(void *);
typedef void (*setter_t)(void *, char *);
struct field {
  const char *name;
  size_t off;
  getter_t get;
  setter_t set;
};
struct kind {
  const char *name;
  size_t size;
  int nfields;
  const struct field *fields;
  int (*init)(void **);
  void (*free)(void *);
  int (*parse)(void *, const char *);
  int (*to_str)(const void *, char **);
  int (*clone)(const void *, void **);
};

#define ACCESSORS(P, T, F)                                                                                             \
  static char *P##_g_##F(void *h) { return osip_##P##_get_##F((T *) h); }                                             \
  static void P##_s_##F(void *h, char *v) { osip_##P##_set_##F((T *) h, v); }
#define FIELD(P, T, F) {#F, offsetof(T, F), P##_g_##F, P##_s_##F}
#define FUNCS(P, T)                                                                                                    \
  static int P##_init(void **h) { return osip_##P##_init((T **) h); }                                                 \
  static void P##_free(void *h) { osip_##P##_free((T *) h); }                                                         \
  static int P##_parse(void *h, const char *v) { return osip_##P##_parse((T *) h, v); }                               \
  static int P##_to_str(const void *h, char **d) { return osip_##P##_to_str((const T *) h, d); }                      \
  static int P##_clone(const void *h, void **d) { return osip_##P##_clone((const T *) h, (T **) d); }

#define A(F) ACCESSORS(authorization, osip_authorization_t, F)
A(auth_type) A(username) A(realm) A(nonce) A(uri) A(response) A(digest) A(algorithm) A(cnonce) A(opaque)
A(message_qop) A(nonce_count) A(version) A(targetname) A(gssapi_data) A(crand) A(cnum)
#undef A
FUNCS(authorization, osip_authorization_t)
#define A(F) FIELD(authorization, osip_authorization_t, F)
static const struct field authorization_fields[] = {
    A(auth_type),   A(username),    A(realm),   A(nonce),      A(uri),         A(response),
    A(digest),      A(algorithm),   A(cnonce),  A(opaque),     A(message_qop), A(nonce_count),
    A(version),     A(targetname),  A(gssapi_data), A(crand),  A(cnum)};
#undef A

#define W(F) ACCESSORS(www_authenticate, osip_www_authenticate_t, F)
W(auth_type) W(realm) W(domain) W(nonce) W(opaque) W(stale) W(algorithm) W(qop_options) W(version) W(targetname)
W(gssapi_data)
#undef W
FUNCS(www_authenticate, osip_www_authenticate_t)
#define W(F) FIELD(www_authenticate, osip_www_authenticate_t, F)
static const struct field www_authenticate_fields[] = {
    W(auth_type), W(realm),       W(domain),  W(nonce),      W(opaque),     W(stale),
    W(algorithm), W(qop_options), W(version), W(targetname), W(gssapi_data)};
#undef W

#define I(F) ACCESSORS(authentication_info, osip_authentication_info_t, F)
I(auth_type) I(nextnonce) I(cnonce) I(rspauth) I(nonce_count) I(qop_options) I(snum) I(srand) I(targetname)
I(realm) I(opaque)
#undef I
FUNCS(authentication_info, osip_authentication_info_t)
#define I(F) FIELD(authentication_info, osip_authentication_info_t, F)
static const struct field authentication_info_fields[] = {
    I(auth_type),   I(nextnonce),  I(cnonce), I(rspauth), I(nonce_count), I(qop_options),
    I(snum),        I(srand),      I(targetname), I(realm), I(opaque)};
#undef I

#define KIND(P, T)                                                                                                     \
  {#P, sizeof(T), (int) (sizeof P##_fields / sizeof P##_fields[0]), P##_fields, P##_init, P##_free, P##_parse,        \
   P##_to_str, P##_clone}
static const struct kind kinds[] = {KIND(authorization, osip_authorization_t),
                                    KIND(www_authenticate, osip_www_authenticate_t),
                                    KIND(authentication_info, osip_authentication_info_t)};
#define NKINDS (sizeof kinds / sizeof kinds[0])

static char *raw(void *h, const struct field *f) { return *(char **) ((char *) h + f->off); }

/* Every field through its getter, checked against the structure. */
static void show(const char *p, const struct kind *k, void *h) {
  int i;
  for (i = 0; i < k->nfields; i++) {
    const struct field *f = &k->fields[i];
    char *v = f->get(h);
    printf("%s.%s = ", p, f->name);
    esc(v);
    if (v != raw(h, f))
      printf(" (GETTER DOES NOT RETURN THE FIELD)");
    putchar('\n');
  }
}

/* The value a test stores in field i: quoted for most, as a token for
 * some, so that the serialisations look like real headers. */
static char *value_of(const struct field *f, int variant) {
  char buf[64];
  if (!strcmp(f->name, "auth_type"))
    return osip_strdup(variant ? "NTLM" : "Digest");
  snprintf(buf, sizeof buf, variant ? "%s-%d" : "\"%s\"", f->name, variant);
  return osip_strdup(buf);
}

static void to_str_and_clone(const char *p, const struct kind *k, void *h) {
  char *s = NULL;
  void *c = NULL;
  int rc;

  rc = k->to_str(h, &s);
  printf("%s.to_str = %d ", p, rc);
  owned_str(s);
  rc = k->clone(h, &c);
  printf("%s.clone = %d%s\n", p, rc, (rc != 0 && c != NULL) ? " (DEST SET ON ERROR)" : "");
  if (rc == 0 && c != NULL) {
    char q[128];
    int i, shared = 0;
    snprintf(q, sizeof q, "%s.clone", p);
    show(q, k, c);
    for (i = 0; i < k->nfields; i++)
      if (raw(c, &k->fields[i]) != NULL && raw(c, &k->fields[i]) == raw(h, &k->fields[i]))
        shared++;
    printf("%s.clone.shared_fields = %d\n", p, shared);
    s = NULL;
    rc = k->to_str(c, &s);
    printf("%s.clone.to_str = %d ", p, rc);
    owned_str(s);
    k->free(c);
  }
}

static void structure_api(const struct kind *k) {
  void *h = NULL;
  char p[96], *s;
  void *c;
  int rc, i, j;

  printf("== %s\n", k->name);
  rc = k->init(&h);
  printf("%s.init = %d %s\n", k->name, rc, h != NULL && owned(h) ? "from the hooks" : "?");
  show(k->name, k, h);
  to_str_and_clone(k->name, k, h);

  /* Each setter stores its pointer; a second set leaves the first value
   * to its owner (freed here); NULL empties the field. */
  for (i = 0; i < k->nfields; i++) {
    const struct field *f = &k->fields[i];
    char *v1 = value_of(f, 0), *v2 = value_of(f, 1);
    f->set(h, v1);
    printf("%s.set_%s: get %s", k->name, f->name, f->get(h) == v1 ? "same pointer" : "OTHER");
    f->set(h, v2);
    printf(", again %s", f->get(h) == v2 ? "same pointer" : "OTHER");
    osip_free(v1); /* still ours: a library that freed it double-frees */
    f->set(h, NULL);
    printf(", NULL %s\n", f->get(h) == NULL ? "NULL" : "NOT NULL");
    osip_free(v2);
  }

  /* All fields set. */
  for (i = 0; i < k->nfields; i++)
    k->fields[i].set(h, value_of(&k->fields[i], 0));
  snprintf(p, sizeof p, "%s.all", k->name);
  show(p, k, h);
  to_str_and_clone(p, k, h);
  k->free(h);

  /* All but the scheme; tokens instead of quoted strings. */
  k->init(&h);
  for (i = 1; i < k->nfields; i++)
    k->fields[i].set(h, value_of(&k->fields[i], 1));
  snprintf(p, sizeof p, "%s.no_scheme", k->name);
  to_str_and_clone(p, k, h);
  k->free(h);

  /* Each field alone, then with the scheme. */
  for (i = 0; i < k->nfields; i++) {
    for (j = 0; j < 2; j++) {
      k->init(&h);
      k->fields[i].set(h, value_of(&k->fields[i], 0));
      if (j == 1 && i != 0)
        k->fields[0].set(h, value_of(&k->fields[0], 0));
      if (j == 1 && i == 0)
        k->fields[1].set(h, value_of(&k->fields[1], 0));
      snprintf(p, sizeof p, "%s.only_%s%s", k->name, k->fields[i].name, j ? "+1" : "");
      to_str_and_clone(p, k, h);
      k->free(h);
    }
  }

  /* The scheme and one field, for every pair with realm missing (the
   * WWW-Authenticate comma fix-up), and empty strings. */
  for (i = 1; i < k->nfields; i++) {
    k->init(&h);
    k->fields[0].set(h, osip_strdup(""));
    k->fields[i].set(h, osip_strdup(""));
    snprintf(p, sizeof p, "%s.empty_scheme_and_%s", k->name, k->fields[i].name);
    to_str_and_clone(p, k, h);
    k->free(h);
  }

  /* Parse, then the getters. */
  {
    static const char *values[] = {
        "Digest username=\"u\", realm=\"r\", nonce=\"n\", qop=auth, nc=1, stale=true, nextnonce=\"x\"",
        "NTLM targetname=\"t\", gssapi-data=\"g\", version=3, crand=\"c\", cnum=\"n\", opaque=\"o\"",
        "rspauth=\"a\", snum=\"1\", srand=\"2\", domain=\"sip:d\", algorithm=MD5, cnonce=\"c\"",
        "Digest",
    };
    for (j = 0; j < (int) (sizeof values / sizeof values[0]); j++) {
      k->init(&h);
      rc = k->parse(h, values[j]);
      snprintf(p, sizeof p, "%s.parse[%d]", k->name, j);
      printf("%s = %d\n", p, rc);
      show(p, k, h);
      k->free(h);
    }
  }

  /* NULL where Debian checks. */
  s = (char *) "x";
  rc = k->to_str(NULL, &s);
  printf("%s.to_str(NULL) = %d ", k->name, rc);
  esc(s);
  c = (void *) &rc;
  rc = k->clone(NULL, &c);
  printf("\n%s.clone(NULL) = %d %s\n", k->name, rc, c == NULL ? "NULL" : "NOT NULL");
  k->free(NULL);
  printf("%s.free(NULL) done\n", k->name);
}

/* ------------------------------------------------------------------ */
/* The message's accessors.                                             */

struct mkind {
  const char *name;
  size_t list_off;
  const struct kind *k;
  int proxy;
  int (*set)(osip_message_t *, const char *);
  int (*get)(const osip_message_t *, int, void **);
  const char *good[2], *bad;
};

#define MGET(N, T)                                                                                                     \
  static int mget_##N(const osip_message_t *m, int pos, void **d) { return osip_message_get_##N(m, pos, (T **) d); }
MGET(authorization, osip_authorization_t)
MGET(proxy_authorization, osip_proxy_authorization_t)
MGET(www_authenticate, osip_www_authenticate_t)
MGET(proxy_authenticate, osip_proxy_authenticate_t)
MGET(authentication_info, osip_authentication_info_t)
MGET(proxy_authentication_info, osip_proxy_authentication_info_t)

#define AZ_GOOD {"Digest username=\"u\", realm=\"r\"", "Basic x=="}
#define WW_GOOD {"Digest realm=\"r\", nonce=\"n\"", "NTLM realm=\"r\", version=4"}
#define AI_GOOD {"nextnonce=\"n\"", "Digest rspauth=\"r\", qop=auth, nc=1"}
static const struct mkind mkinds[] = {
    {"authorization", offsetof(osip_message_t, authorizations), &kinds[0], 0, osip_message_set_authorization,
     mget_authorization, AZ_GOOD, "Digest username=\"u"},
    {"proxy_authorization", offsetof(osip_message_t, proxy_authorizations), &kinds[0], 1,
     osip_message_set_proxy_authorization, mget_proxy_authorization, AZ_GOOD, "Digest"},
    {"www_authenticate", offsetof(osip_message_t, www_authenticates), &kinds[1], 0, osip_message_set_www_authenticate,
     mget_www_authenticate, WW_GOOD, "Digest realm=\"r"},
    {"proxy_authenticate", offsetof(osip_message_t, proxy_authenticates), &kinds[1], 1,
     osip_message_set_proxy_authenticate, mget_proxy_authenticate, WW_GOOD, " Digest realm=\"r\""},
    {"authentication_info", offsetof(osip_message_t, authentication_infos), &kinds[2], 0,
     osip_message_set_authentication_info, mget_authentication_info, AI_GOOD, "nextnonce"},
    {"proxy_authentication_info", offsetof(osip_message_t, proxy_authentication_infos), &kinds[2], 1,
     osip_message_set_proxy_authentication_info, mget_proxy_authentication_info, AI_GOOD, "nc=,"},
};
#define NMKINDS (sizeof mkinds / sizeof mkinds[0])

static osip_list_t *list_of(osip_message_t *m, const struct mkind *mk) {
  return (osip_list_t *) ((char *) m + mk->list_off);
}

static void message_api(void) {
  static const int positions[] = {INT_MIN, -5, -1, 0, 1, 2, 3, INT_MAX};
  osip_message_t *m = osip_malloc(sizeof *m);
  size_t i;
  int j;

  printf("== message\n");
  memset(m, 0, sizeof *m);
  m->message_property = 3; /* as osip_message_init leaves it */
  for (i = 0; i < NMKINDS; i++) {
    const struct mkind *mk = &mkinds[i];
    osip_list_t *l = list_of(m, mk);
    const char *p = mk->name;

    printf("%s.set(NULL msg, NULL) = %d\n", p, mk->set(NULL, NULL));
    printf("%s.set(NULL msg, \"\") = %d\n", p, mk->set(NULL, ""));
    if (!mk->proxy) /* the Proxy- setters do not check the message */
      printf("%s.set(NULL msg, good) = %d\n", p, mk->set(NULL, mk->good[0]));
    m->message_property = 3;
    printf("%s.set(NULL) = %d", p, mk->set(m, NULL));
    printf(" property %d size %d\n", m->message_property, osip_list_size(l));
    printf("%s.set(\"\") = %d", p, mk->set(m, ""));
    printf(" property %d size %d\n", m->message_property, osip_list_size(l));
    printf("%s.set(bad) = %d", p, mk->set(m, mk->bad));
    printf(" property %d size %d\n", m->message_property, osip_list_size(l));
    for (j = 0; j < 2; j++) {
      printf("%s.set(good[%d]) = %d", p, j, mk->set(m, mk->good[j]));
      printf(" property %d size %d\n", m->message_property, osip_list_size(l));
    }
    for (j = 0; j < (int) (sizeof positions / sizeof positions[0]); j++) {
      void *d = (void *) m; /* not NULL: the getter must write it */
      int rc = mk->get(m, positions[j], &d);
      printf("%s.get(%d) = %d ", p, positions[j], rc);
      if (d == NULL)
        printf("NULL\n");
      else {
        char *s = NULL;
        int k, at = -1;
        for (k = 0; k < osip_list_size(l); k++)
          if (osip_list_get(l, k) == d)
            at = k;
        printf("element %d ", at);
        mk->k->to_str(d, &s);
        owned_str(s);
      }
    }
    m->message_property = 1;
  }
  osip_list_special_free(&m->authorizations, (void (*)(void *)) osip_authorization_free);
  osip_list_special_free(&m->proxy_authorizations, (void (*)(void *)) osip_authorization_free);
  osip_list_special_free(&m->www_authenticates, (void (*)(void *)) osip_www_authenticate_free);
  osip_list_special_free(&m->proxy_authenticates, (void (*)(void *)) osip_www_authenticate_free);
  osip_list_special_free(&m->authentication_infos, (void (*)(void *)) osip_authentication_info_free);
  osip_list_special_free(&m->proxy_authentication_infos, (void (*)(void *)) osip_authentication_info_free);
  osip_free(m);
}

int main(void) {
  size_t i;
  setvbuf(stdout, NULL, _IOLBF, 0);
  osip_set_allocators(h_malloc, h_realloc, h_free);
  for (i = 0; i < NKINDS; i++)
    structure_api(&kinds[i]);
  message_api();
  printf("leak = %ld blocks, foreign frees = %ld\n", live, foreign);
  return 0;
}
