/* headers_api: what the header functions of libosipparser2 compute where
 * the parser dump does not reach them (the dump sees the message-level
 * accessors only through whole messages): osip_message_set_X / _get_X for
 * every typed header on messages made with osip_message_init,
 * osip_message_append_via, osip_message_fix_last_via_header, the field
 * getters and setters of each header type, the match functions on pairs of
 * different headers, serialisations of hand-built elements, and the NULL
 * arguments Debian survives. One result a line, diffed between Debian's
 * library and ours (tests/parser_headers_api.rs runs it with each).
 *
 * Only calls on which Debian's library neither crashes nor leaks are made
 * (the others are in docs/deviations.md). */
#include <osipparser2/osip_message.h>
#include <osipparser2/osip_parser.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hooks.h"

/* A returned string: its text, whether the hooks allocated it, freed. */
static void owned_str(int rc, char *s) {
  printf("%d ", rc);
  show_owned(s);
  putchar('\n');
}

/* ------------------------------------------------------------------ */
/* Message-level accessors                                              */
/* ------------------------------------------------------------------ */

typedef int (*to_str_fn)(const void *, char **);
typedef int (*set_fn)(osip_message_t *, const char *);
typedef int (*get_list_fn)(const osip_message_t *, int, void **);
typedef void *(*get_one_fn)(const osip_message_t *);

#define TO_STR(N, T, F)                                                                                                \
  static int ts_##N(const void *h, char **d) { return F((const T *) h, d); }
TO_STR(via, osip_via_t, osip_via_to_str)
TO_STR(from, osip_from_t, osip_from_to_str)
TO_STR(contact, osip_contact_t, osip_contact_to_str)
TO_STR(route, osip_route_t, osip_route_to_str)
TO_STR(record_route, osip_record_route_t, osip_record_route_to_str)
TO_STR(call_id, osip_call_id_t, osip_call_id_to_str)
TO_STR(cseq, osip_cseq_t, osip_cseq_to_str)
TO_STR(content_type, osip_content_type_t, osip_content_type_to_str)
TO_STR(accept, osip_accept_t, osip_accept_to_str)
TO_STR(content_length, osip_content_length_t, osip_content_length_to_str)
TO_STR(accept_encoding, osip_accept_encoding_t, osip_accept_encoding_to_str)
TO_STR(call_info, osip_call_info_t, osip_call_info_to_str)

#define GET_LIST(N, T)                                                                                                 \
  static int gl_##N(const osip_message_t *m, int pos, void **d) {                                                     \
    T *x = (T *) 0x1;                                                                                                  \
    int r = osip_message_get_##N(m, pos, &x);                                                                          \
    *d = x;                                                                                                            \
    return r;                                                                                                          \
  }
GET_LIST(accept, osip_accept_t)
GET_LIST(accept_encoding, osip_accept_encoding_t)
GET_LIST(accept_language, osip_accept_language_t)
GET_LIST(alert_info, osip_alert_info_t)
GET_LIST(allow, osip_allow_t)
GET_LIST(call_info, osip_call_info_t)
GET_LIST(contact, osip_contact_t)
GET_LIST(content_encoding, osip_content_encoding_t)
GET_LIST(error_info, osip_error_info_t)
GET_LIST(record_route, osip_record_route_t)
GET_LIST(route, osip_route_t)
GET_LIST(via, osip_via_t)

#define GET_ONE(N)                                                                                                     \
  static void *g1_##N(const osip_message_t *m) { return (void *) osip_message_get_##N(m); }
GET_ONE(call_id)
GET_ONE(content_length)
GET_ONE(content_type)
GET_ONE(cseq)
GET_ONE(from)
GET_ONE(mime_version)
GET_ONE(to)

struct list_kind {
  const char *name;
  set_fn set;
  get_list_fn get;
  size_t list_offset;
  to_str_fn to_str;
  const char *values[8];
};

#define LK(N, FIELD, TS, ...)                                                                                          \
  { #N, osip_message_set_##N, gl_##N, offsetof(osip_message_t, FIELD), ts_##TS, { __VA_ARGS__, NULL } }
static const struct list_kind list_kinds[] = {
    LK(accept, accepts, accept, "application/sdp", "a/b, c/d", "bad", "text/plain;level=1", " "),
    LK(accept_encoding, accept_encodings, accept_encoding, "gzip", ";q=1", "gzip, deflate;q=0.5", "  x  "),
    LK(accept_language, accept_languages, accept_encoding, "en", "da, en-gb;q=0.8", ";x"),
    LK(alert_info, alert_infos, call_info, "<http://x/ring>", "http://x", "<a>, <b>;p=1", "<a>;x;;y"),
    LK(allow, allows, content_length, "INVITE", "INVITE, ACK, BYE", "  x  "),
    LK(call_info, call_infos, call_info, "<http://x/p.jpg>;purpose=icon", "nothing", "<a>;b"),
    LK(contact, contacts, contact, "<sip:a@h>;expires=60", "*", "<sip:a@h>, <sip:b@h>", "bad", "\"x\" <sip:c@h>"),
    LK(content_encoding, content_encodings, content_length, "gzip", "gzip, x", "\t"),
    LK(error_info, error_infos, call_info, "<sip:e@h>", "<sip:e@h>;x=\"a;b\"", "e"),
    LK(record_route, record_routes, record_route, "<sip:p1;lr>", "<sip:p1;lr>,<sip:p2;lr>", "<sip:a", "sip:p3"),
    LK(route, routes, route, "<sip:p1;lr>", "<>", "Proxy <sip:p2;lr>;x", "sip:h"),
    LK(via, vias, via, "SIP/2.0/UDP h1;branch=z9hG4bK1", "SIP/2.0/UDP a, SIP/2.0/TCP b", "SIP/2.0",
       "SIP/2.0/TCP [::1]:5061;rport"),
};

static osip_list_t *list_at(osip_message_t *m, size_t offset) { return (osip_list_t *) ((char *) m + offset); }

/* The position of `e` in `l`, or -1. */
static int index_in(osip_list_t *l, void *e) {
  int i;
  for (i = 0; i < osip_list_size(l); i++)
    if (osip_list_get(l, i) == e)
      return i;
  return -1;
}

static void show_list(const char *what, osip_list_t *l, to_str_fn ts) {
  int i;
  printf("  %s: %d elements\n", what, osip_list_size(l));
  for (i = 0; i < osip_list_size(l); i++) {
    char *s = NULL;
    int r = ts(osip_list_get(l, i), &s);
    printf("    [%d] = ", i);
    owned_str(r, s);
  }
}

static void list_setters(void) {
  size_t k;
  static const int positions[] = {-2, -1, 0, 1, 2, 3, 99};
  for (k = 0; k < sizeof list_kinds / sizeof list_kinds[0]; k++) {
    const struct list_kind *lk = &list_kinds[k];
    osip_message_t *m = NULL;
    size_t v;
    int rc;
    osip_list_t *l;

    rc = osip_message_init(&m);
    printf("%s: init = %d property = %d\n", lk->name, rc, m->message_property);
    l = list_at(m, lk->list_offset);
    rc = lk->set(m, "");
    printf("  set(\"\") = %d property = %d size = %d\n", rc, m->message_property, osip_list_size(l));
    if (strcmp(lk->name, "accept") != 0) {
      /* Accept appends an element for NULL (tried below) */
      rc = lk->set(m, NULL);
      printf("  set(NULL) = %d property = %d size = %d\n", rc, m->message_property, osip_list_size(l));
    }
    for (v = 0; lk->values[v] != NULL; v++) {
      m->message_property = 3;
      rc = lk->set(m, lk->values[v]);
      printf("  set(");
      esc(lk->values[v]);
      printf(") = %d property = %d size = %d\n", rc, m->message_property, osip_list_size(l));
    }
    show_list("list", l, lk->to_str);
    for (v = 0; v < sizeof positions / sizeof positions[0]; v++) {
      void *e = NULL;
      rc = lk->get(m, positions[v], &e);
      printf("  get(%d) = %d -> ", positions[v], rc);
      if (e == NULL)
        printf("NULL\n");
      else
        printf("[%d]\n", index_in(l, e));
    }
    osip_message_free(m);
  }
  {
    /* Accept with NULL: an empty element. */
    osip_message_t *m = NULL;
    osip_message_init(&m);
    printf("accept: set(NULL) = %d property = %d\n", osip_message_set_accept(m, NULL), m->message_property);
    show_list("accepts", &m->accepts, ts_accept);
    osip_message_free(m);
  }
}

struct one_kind {
  const char *name;
  set_fn set;
  get_one_fn get;
  size_t slot_offset;
  to_str_fn to_str;
  const char *bad, *good, *again;
};
#define OK(N, TS, BAD, GOOD, AGAIN)                                                                                   \
  { #N, osip_message_set_##N, g1_##N, offsetof(osip_message_t, N), ts_##TS, BAD, GOOD, AGAIN }
static const struct one_kind one_kinds[] = {
    OK(call_id, call_id, "@h", "abc@h", "def@h"),
    OK(content_length, content_length, NULL, " 42 ", "0"),
    OK(content_type, content_type, "nosubtype", "application/sdp;x=1", "text/plain"),
    OK(cseq, cseq, "1", "1 INVITE", "2 BYE"),
    OK(from, from, "<sip:a", "\"A\" <sip:a@h>;tag=1", "<sip:b@h>"),
    OK(mime_version, content_length, NULL, "1.0", "2.0"),
    OK(to, from, "bad", "<sip:b@h>", "<sip:c@h>;tag=2"),
};

static void single_setters(void) {
  size_t k;
  for (k = 0; k < sizeof one_kinds / sizeof one_kinds[0]; k++) {
    const struct one_kind *ok = &one_kinds[k];
    osip_message_t *m = NULL;
    void **slot;
    char *s = NULL;
    int rc;

    osip_message_init(&m);
    slot = (void **) ((char *) m + ok->slot_offset);
    printf("%s: get = %s\n", ok->name, ok->get(m) == NULL ? "NULL" : "set");
    rc = ok->set(m, NULL);
    printf("  set(NULL) = %d property = %d slot = %s\n", rc, m->message_property, *slot ? "set" : "NULL");
    rc = ok->set(m, "");
    printf("  set(\"\") = %d property = %d slot = %s\n", rc, m->message_property, *slot ? "set" : "NULL");
    if (ok->bad != NULL) {
      rc = ok->set(m, ok->bad);
      printf("  set(");
      esc(ok->bad);
      printf(") = %d property = %d slot = %s\n", rc, m->message_property, *slot ? "set" : "NULL");
    }
    m->message_property = 3;
    rc = ok->set(m, ok->good);
    printf("  set(");
    esc(ok->good);
    printf(") = %d property = %d slot = %s\n", rc, m->message_property, *slot ? "set" : "NULL");
    printf("  get = %s\n", ok->get(m) == *slot ? "the slot" : "?");
    rc = ok->to_str(*slot, &s);
    printf("  to_str = ");
    owned_str(rc, s);
    m->message_property = 3;
    rc = ok->set(m, ok->again);
    printf("  set(");
    esc(ok->again);
    printf(") again = %d property = %d\n", rc, m->message_property);
    rc = ok->set(m, "");
    printf("  set(\"\") again = %d property = %d\n", rc, m->message_property);
    s = NULL;
    rc = ok->to_str(*slot, &s);
    printf("  to_str = ");
    owned_str(rc, s);
    osip_message_free(m);
  }
}

/* ------------------------------------------------------------------ */
/* osip_message_append_via, osip_message_fix_last_via_header            */
/* ------------------------------------------------------------------ */

static void vias(void) {
  static const struct {
    const char *via;
    const char *ip;
    int port;
  } fixes[] = {
      {"SIP/2.0/UDP h0;branch=1", "h0", 5060},
      {"SIP/2.0/UDP h0;branch=1", "192.0.2.1", 5060},
      {"SIP/2.0/UDP h0;rport;branch=1", "h0", 5062},
      {"SIP/2.0/UDP h0;rport;branch=1", "192.0.2.1", 123456789},
      {"SIP/2.0/UDP h0;rport=7;branch=1", "192.0.2.1", 9},
      {"SIP/2.0/UDP h0;RPORT;branch=1", "192.0.2.1", -5},
      {"SIP/2.0/UDP h0;rport=;branch=1", "192.0.2.1", 0},
      {"SIP/2.0/UDP h0;received=1.1.1.1;rport", "192.0.2.1", 1},
      {"SIP/2.0/UDP H0", "h0", 1},
      {"SIP/2.0/UDP [::1]:5060", "::1", 1},
      {"SIP/2.0/UDP h0", "", 1},
      {"SIP/2.0/UDP h0", "  sp ace  ", 1},
  };
  size_t i;
  osip_message_t *m = NULL;
  int rc;

  osip_message_init(&m);
  printf("fix without Via = %d\n", osip_message_fix_last_via_header(m, "192.0.2.1", 5060));
  rc = osip_message_append_via(m, NULL);
  printf("append_via(NULL) = %d property = %d\n", rc, m->message_property);
  rc = osip_message_append_via(m, "");
  printf("append_via(\"\") = %d property = %d\n", rc, m->message_property);
  rc = osip_message_append_via(m, "bad");
  printf("append_via(\"bad\") = %d property = %d\n", rc, m->message_property);
  rc = osip_message_set_via(m, "SIP/2.0/UDP h1;branch=1");
  printf("set_via = %d\n", rc);
  m->message_property = 3;
  rc = osip_message_append_via(m, "SIP/2.0/TCP h0;branch=0");
  printf("append_via = %d property = %d\n", rc, m->message_property);
  rc = osip_message_append_via(m, "SIP/2.0/TLS hm1");
  printf("append_via = %d property = %d\n", rc, m->message_property);
  show_list("vias", &m->vias, ts_via);
  m->message_property = 3;
  rc = osip_message_fix_last_via_header(m, "192.0.2.7", 7);
  printf("fix = %d property = %d\n", rc, m->message_property);
  rc = osip_message_fix_last_via_header(m, "192.0.2.8", 8);
  printf("fix again = %d\n", rc);
  show_list("vias", &m->vias, ts_via);
  m->status_code = 200;
  rc = osip_message_fix_last_via_header(m, "192.0.2.9", 9);
  printf("fix on a response = %d\n", rc);
  show_list("vias", &m->vias, ts_via);
  osip_message_free(m);

  for (i = 0; i < sizeof fixes / sizeof fixes[0]; i++) {
    m = NULL;
    osip_message_init(&m);
    osip_message_set_via(m, fixes[i].via);
    osip_message_set_via(m, "SIP/2.0/UDP second;rport");
    rc = osip_message_fix_last_via_header(m, fixes[i].ip, fixes[i].port);
    printf("fix(");
    esc(fixes[i].via);
    printf(", ");
    esc(fixes[i].ip);
    printf(", %d) = %d\n", fixes[i].port, rc);
    show_list("vias", &m->vias, ts_via);
    osip_message_free(m);
  }
  {
    /* A top Via without host. */
    osip_via_t *v = NULL;
    m = NULL;
    osip_message_init(&m);
    osip_via_init(&v);
    osip_list_add(&m->vias, v, -1);
    printf("fix with a Via without host = %d\n", osip_message_fix_last_via_header(m, "192.0.2.1", 1));
    osip_message_free(m);
  }
}

/* ------------------------------------------------------------------ */
/* Field accessors and hand-built elements                              */
/* ------------------------------------------------------------------ */

static void via_fields(void) {
  osip_via_t *v = NULL;
  char *s = NULL;
  int rc;

  osip_via_init(&v);
  rc = osip_via_to_str(v, &s);
  printf("via empty to_str = ");
  owned_str(rc, s);
  rc = osip_via_parse(v, "SIP/2.0/UDP h:5060;branch=x (c)");
  printf("via parse = %d: ", rc);
  esc(via_get_version(v));
  esc(via_get_protocol(v));
  esc(via_get_host(v));
  esc(via_get_port(v));
  esc(via_get_comment(v));
  putchar('\n');
  osip_free(via_get_version(v));
  via_set_version(v, osip_strdup("3.0"));
  osip_free(via_get_protocol(v));
  via_set_protocol(v, osip_strdup("tcp"));
  osip_free(via_get_host(v));
  via_set_host(v, osip_strdup("::2"));
  osip_free(via_get_port(v));
  via_set_port(v, NULL);
  osip_free(via_get_comment(v));
  via_set_comment(v, NULL);
  s = NULL;
  rc = osip_via_to_str(v, &s);
  printf("via after setters = ");
  owned_str(rc, s);
  {
    osip_via_t *c = NULL;
    rc = osip_via_clone(v, &c);
    printf("via clone = %d, match = %d\n", rc, osip_via_match(v, c));
    osip_free(via_get_host(c));
    via_set_host(c, NULL);
    s = NULL;
    rc = osip_via_to_str(c, &s);
    printf("via without host to_str = ");
    owned_str(rc, s);
    printf("match(v, hostless) = %d, match(hostless, v) = %d\n", osip_via_match(v, c), osip_via_match(c, v));
    osip_via_free(c);
    c = (osip_via_t *) 0x1;
    printf("clone(hostless) = ");
    osip_via_init(&c);
    {
      osip_via_t *d = (osip_via_t *) 0x1;
      rc = osip_via_clone(c, &d);
      printf("%d %s\n", rc, d == NULL ? "NULL" : "set");
    }
    osip_via_free(c);
  }
  osip_via_free(v);
}

static void from_fields(void) {
  osip_from_t *f = NULL, *g = NULL;
  osip_generic_param_t *p;
  osip_uri_t *u;
  char *s = NULL;
  int rc, i;

  osip_from_init(&f);
  rc = osip_from_to_str(f, &s);
  printf("from empty to_str = ");
  owned_str(rc, s);
  osip_from_parse(f, "\"A\" <sip:a@h>;tag=1;x;y=2");
  printf("from displayname = ");
  esc(osip_from_get_displayname(f));
  printf(" url host = ");
  esc(osip_from_get_url(f)->host);
  putchar('\n');
  for (i = -2; i <= 4; i++) {
    p = (osip_generic_param_t *) 0x1;
    rc = osip_from_param_get(f, i, &p);
    printf("from param_get(%d) = %d ", i, rc);
    if (p == NULL)
      printf("NULL\n");
    else {
      esc(p->gname);
      putchar('=');
      esc(p->gvalue);
      putchar('\n');
    }
  }
  osip_free(osip_from_get_displayname(f));
  osip_from_set_displayname(f, osip_strdup("Bob"));
  u = osip_from_get_url(f);
  osip_from_set_url(f, NULL);
  s = NULL;
  rc = osip_from_to_str(f, &s);
  printf("from without url to_str = ");
  owned_str(rc, s);
  s = NULL;
  rc = osip_contact_to_str(f, &s);
  printf("contact without url to_str = ");
  owned_str(rc, s);
  osip_from_set_url(f, u);
  s = NULL;
  rc = osip_from_to_str(f, &s);
  printf("from to_str = ");
  owned_str(rc, s);
  s = NULL;
  rc = osip_record_route_to_str(f, &s);
  printf("record_route to_str = ");
  owned_str(rc, s);
  osip_free(osip_from_get_displayname(f));
  osip_from_set_displayname(f, osip_strdup("*x"));
  s = NULL;
  rc = osip_contact_to_str(f, &s);
  printf("contact with display name *x = ");
  owned_str(rc, s);
  s = NULL;
  rc = osip_from_to_str(f, &s);
  printf("from with display name *x = ");
  owned_str(rc, s);
  rc = osip_from_clone(f, &g);
  printf("from clone = %d compare = %d tag_match = %d\n", rc, osip_from_compare(f, g), osip_from_tag_match(f, g));
  osip_from_free(g);
  g = NULL;
  osip_contact_init(&g);
  printf("contact parse(\"*\") = %d\n", osip_contact_parse(g, "*"));
  {
    osip_contact_t *c = NULL;
    rc = osip_contact_clone(g, &c);
    printf("contact * clone = %d ", rc);
    s = NULL;
    rc = osip_contact_to_str(c, &s);
    owned_str(rc, s);
    osip_contact_free(c);
  }
  osip_contact_free(g);
  osip_from_free(f);
}

/* Pairs for the match functions. */
static void pairs(void) {
  static const char *from_pairs[][2] = {
      {"<sip:a@h>;tag=1", "<sip:a@h>;tag=1"},
      {"<sip:a@h>;tag=1", "<sip:a@h>;tag=2"},
      {"<sip:a@h>;tag=1", "<sip:a@h>"},
      {"<sip:a@h>", "<sip:a@h>;tag=1"},
      {"<sip:a@h>", "<sip:a@h>"},
      {"<sip:a@h>", "<sip:b@h>"},
      {"<sip:a@H>", "<sip:a@h>"},
      {"<sip:h>", "<sip:a@h>"},
      {"<sip:A@h>", "<sip:a@h>"},
      {"<tel:123>", "<tel:123>"},
      {"<tel:123>", "<tel:124>"},
      {"<tel:123>", "<sip:a@h>"},
      {"<sip:a@h>;tagx=1", "<sip:a@h>;tag=2"},
      {"<sip:a@h>;TAG=1", "<sip:a@h>;tag=2"},
      {"<sip:a@h>;tag", "<sip:a@h>;tag"},
      {"<sip:a@h>;tag", "<sip:a@h>;tag=1"},
      {"<sip:a@h>;x=1;tag=1", "<sip:a@h:5060;lr>;tag=1"},
      {"\"A\" <sip:a@h>;tag=1", "\"B\" <sip:a@h>;tag=1"},
      {"<sip:a@h;tag=1>", "<sip:a@h;tag=2>"},
  };
  static const char *callid_pairs[][2] = {{"a@h", "a@h"}, {"a@h", "a@H"}, {"a", "a"},   {"a", "a@h"},
                                          {"a@h", "a"},   {"a@h", "b@h"}, {"a@", "a@"}, {"a@", "a"}};
  static const char *cseq_pairs[][2] = {{"1 INVITE", "1 INVITE"}, {"1 INVITE", "1 ACK"}, {"1 ACK", "1 INVITE"},
                                        {"1 ACK", "1 ACK"},       {"1 BYE", "1 BYE"},    {"1 BYE", "1 INVITE"},
                                        {"1 INVITE", "1 BYE"},    {"1 INVITE", "2 INVITE"}, {"1 invite", "1 ACK"},
                                        {"1 CANCEL", "1 cancel"}, {"01 BYE", "1 BYE"}};
  static const char *via_pairs[][2] = {{"SIP/2.0/UDP h;branch=1", "SIP/2.0/UDP h;branch=1"},
                                       {"SIP/2.0/UDP h;branch=1", "SIP/2.0/UDP  h ; branch=1"},
                                       {"SIP/2.0/UDP h;branch=1", "SIP/2.0/UDP h;branch=2"},
                                       {"SIP/2.0/UDP h", "SIP/2.0/TCP h"}};
  size_t i;
  for (i = 0; i < sizeof from_pairs / sizeof from_pairs[0]; i++) {
    osip_from_t *a = NULL, *b = NULL;
    osip_from_init(&a);
    osip_from_init(&b);
    osip_from_parse(a, from_pairs[i][0]);
    osip_from_parse(b, from_pairs[i][1]);
    printf("from ");
    esc(from_pairs[i][0]);
    printf(" vs ");
    esc(from_pairs[i][1]);
    printf(": compare = %d tag_match = %d to_tag_match = %d\n", osip_from_compare(a, b), osip_from_tag_match(a, b),
           osip_to_tag_match(a, b));
    osip_from_free(a);
    osip_from_free(b);
  }
  for (i = 0; i < sizeof callid_pairs / sizeof callid_pairs[0]; i++) {
    osip_call_id_t *a = NULL, *b = NULL;
    osip_call_id_init(&a);
    osip_call_id_init(&b);
    osip_call_id_parse(a, callid_pairs[i][0]);
    osip_call_id_parse(b, callid_pairs[i][1]);
    printf("call_id ");
    esc(callid_pairs[i][0]);
    printf(" vs ");
    esc(callid_pairs[i][1]);
    printf(": match = %d\n", osip_call_id_match(a, b));
    osip_call_id_free(a);
    osip_call_id_free(b);
  }
  for (i = 0; i < sizeof cseq_pairs / sizeof cseq_pairs[0]; i++) {
    osip_cseq_t *a = NULL, *b = NULL;
    osip_cseq_init(&a);
    osip_cseq_init(&b);
    osip_cseq_parse(a, cseq_pairs[i][0]);
    osip_cseq_parse(b, cseq_pairs[i][1]);
    printf("cseq ");
    esc(cseq_pairs[i][0]);
    printf(" vs ");
    esc(cseq_pairs[i][1]);
    printf(": match = %d\n", osip_cseq_match(a, b));
    osip_cseq_free(a);
    osip_cseq_free(b);
  }
  for (i = 0; i < sizeof via_pairs / sizeof via_pairs[0]; i++) {
    osip_via_t *a = NULL, *b = NULL;
    osip_via_init(&a);
    osip_via_init(&b);
    osip_via_parse(a, via_pairs[i][0]);
    osip_via_parse(b, via_pairs[i][1]);
    printf("via ");
    esc(via_pairs[i][0]);
    printf(" vs ");
    esc(via_pairs[i][1]);
    printf(": match = %d\n", osip_via_match(a, b));
    osip_via_free(a);
    osip_via_free(b);
  }
  {
    osip_from_t *a = NULL, *b = NULL;
    osip_call_id_t *c = NULL, *d = NULL;
    osip_cseq_t *e = NULL, *f = NULL;
    osip_from_init(&a);
    osip_from_init(&b);
    osip_from_parse(a, "<sip:a@h>");
    printf("compare with a From without URL = %d %d\n", osip_from_compare(a, b), osip_from_compare(b, a));
    printf("tag_match with an empty From = %d\n", osip_from_tag_match(a, b));
    osip_from_free(a);
    osip_from_free(b);
    osip_call_id_init(&c);
    osip_call_id_init(&d);
    osip_call_id_parse(c, "x");
    printf("call_id_match with an empty one = %d %d\n", osip_call_id_match(c, d), osip_call_id_match(d, c));
    osip_call_id_free(c);
    osip_call_id_free(d);
    osip_cseq_init(&e);
    osip_cseq_init(&f);
    osip_cseq_parse(e, "1 X");
    printf("cseq_match with an empty one = %d %d\n", osip_cseq_match(e, f), osip_cseq_match(f, e));
    osip_cseq_free(e);
    osip_cseq_free(f);
  }
}

static void small_fields(void) {
  char *s = NULL;
  int rc;
  {
    osip_call_id_t *c = NULL, *d = NULL;
    osip_call_id_init(&c);
    osip_call_id_parse(c, "n@h");
    esc(osip_call_id_get_number(c));
    esc(osip_call_id_get_host(c));
    putchar('\n');
    osip_free(osip_call_id_get_host(c));
    osip_call_id_set_host(c, NULL);
    rc = osip_call_id_to_str(c, &s);
    printf("call_id without host = ");
    owned_str(rc, s);
    osip_free(osip_call_id_get_number(c));
    osip_call_id_set_number(c, NULL);
    osip_call_id_set_host(c, osip_strdup("h2"));
    s = NULL;
    rc = osip_call_id_to_str(c, &s);
    printf("call_id without number = ");
    owned_str(rc, s);
    d = (osip_call_id_t *) 0x1;
    rc = osip_call_id_clone(c, &d);
    printf("call_id clone without number = %d %s\n", rc, d ? "set" : "NULL");
    osip_call_id_set_number(c, osip_strdup("n2"));
    rc = osip_call_id_clone(c, &d);
    s = NULL;
    printf("call_id clone = %d ", rc);
    rc = osip_call_id_to_str(d, &s);
    owned_str(rc, s);
    osip_call_id_free(d);
    osip_call_id_free(c);
  }
  {
    osip_cseq_t *c = NULL;
    osip_cseq_init(&c);
    osip_cseq_parse(c, "7 OPTIONS");
    esc(osip_cseq_get_number(c));
    esc(osip_cseq_get_method(c));
    putchar('\n');
    osip_free(osip_cseq_get_method(c));
    osip_cseq_set_method(c, osip_strdup("NOTIFY"));
    osip_free(osip_cseq_get_number(c));
    osip_cseq_set_number(c, osip_strdup("8"));
    s = NULL;
    rc = osip_cseq_to_str(c, &s);
    printf("cseq after setters = ");
    owned_str(rc, s);
    osip_free(osip_cseq_get_method(c));
    osip_cseq_set_method(c, NULL);
    s = NULL;
    rc = osip_cseq_to_str(c, &s);
    printf("cseq without method = ");
    owned_str(rc, s);
    osip_cseq_free(c);
  }
  {
    osip_accept_encoding_t *a = NULL, *b = NULL;
    osip_accept_encoding_init(&a);
    s = NULL;
    rc = osip_accept_encoding_to_str(a, &s);
    printf("accept_encoding empty = ");
    owned_str(rc, s);
    b = (osip_accept_encoding_t *) 0x1;
    rc = osip_accept_encoding_clone(a, &b);
    printf("accept_encoding empty clone = %d %s\n", rc, b ? "set" : "NULL");
    osip_accept_encoding_parse(a, "gzip;q=1");
    esc(osip_accept_encoding_get_element(a));
    putchar('\n');
    osip_free(osip_accept_encoding_get_element(a));
    osip_accept_encoding_set_element(a, osip_strdup("br"));
    s = NULL;
    rc = osip_accept_encoding_to_str(a, &s);
    printf("accept_encoding after set_element = ");
    owned_str(rc, s);
    osip_accept_encoding_free(a);
  }
  {
    osip_call_info_t *a = NULL, *b = NULL;
    osip_call_info_init(&a);
    s = NULL;
    rc = osip_call_info_to_str(a, &s);
    printf("call_info empty = ");
    owned_str(rc, s);
    b = (osip_call_info_t *) 0x1;
    rc = osip_call_info_clone(a, &b);
    printf("call_info empty clone = %d %s\n", rc, b ? "set" : "NULL");
    osip_call_info_parse(a, "<http://x>;purpose=icon");
    esc(osip_call_info_get_uri(a));
    putchar('\n');
    osip_free(osip_call_info_get_uri(a));
    osip_call_info_set_uri(a, osip_strdup("<http://y>"));
    s = NULL;
    rc = osip_call_info_to_str(a, &s);
    printf("call_info after set_uri = ");
    owned_str(rc, s);
    osip_call_info_free(a);
    osip_call_info_init(&a);
    rc = osip_content_disposition_parse(a, " render ;handling=optional");
    s = NULL;
    printf("content_disposition parse = %d ", rc);
    rc = osip_call_info_to_str(a, &s);
    owned_str(rc, s);
    osip_call_info_free(a);
  }
  {
    osip_content_length_t *a = NULL, *b = NULL;
    osip_content_length_init(&a);
    s = (char *) 0x1;
    rc = osip_content_length_to_str(a, &s);
    printf("content_length empty = %d %s\n", rc, s ? "set" : "NULL");
    rc = osip_content_length_clone(a, &b);
    printf("content_length empty clone = %d ", rc);
    s = (char *) 0x1;
    rc = osip_content_length_to_str(b, &s);
    printf("%d %s\n", rc, s ? "set" : "NULL");
    osip_content_length_free(b);
    osip_content_length_free(a);
  }
  {
    osip_content_type_t *a = NULL, *b = NULL;
    osip_content_type_init(&a);
    s = NULL;
    printf("content_type empty = ");
    rc = osip_content_type_to_str(a, &s);
    owned_str(rc, s);
    s = NULL;
    printf("accept empty = ");
    rc = osip_accept_to_str(a, &s);
    owned_str(rc, s);
    rc = osip_content_type_clone(a, &b);
    printf("content_type empty clone = %d ", rc);
    s = NULL;
    rc = osip_accept_to_str(b, &s);
    owned_str(rc, s);
    osip_content_type_free(b);
    a->type = osip_strdup("text");
    s = NULL;
    printf("content_type with type only = ");
    rc = osip_content_type_to_str(a, &s);
    owned_str(rc, s);
    s = NULL;
    printf("accept with type only = ");
    rc = osip_accept_to_str(a, &s);
    owned_str(rc, s);
    osip_free(a->type);
    a->type = osip_strdup("");
    a->subtype = osip_strdup("");
    s = NULL;
    printf("accept with empty type and subtype = ");
    rc = osip_accept_to_str(a, &s);
    owned_str(rc, s);
    osip_free(a->type);
    a->type = NULL;
    osip_free(a->subtype);
    a->subtype = osip_strdup("plain");
    s = NULL;
    printf("accept with subtype only = ");
    rc = osip_accept_to_str(a, &s);
    owned_str(rc, s);
    osip_content_type_free(a);
    osip_content_type_init(&a);
    printf("content_type parse(NULL) = %d\n", osip_content_type_parse(a, NULL));
    printf("content_type parse(\"\") = %d\n", osip_content_type_parse(a, ""));
    osip_content_type_parse(a, "a/b;x=1;y=2");
    s = NULL;
    printf("accept = ");
    rc = osip_accept_to_str(a, &s);
    owned_str(rc, s);
    osip_content_type_free(a);
  }
}

static void generic_header(void) {
  static const char *names[] = {"x-foo", "X-Foo", "1abc", "", "zz", "\xc3\xa9"};
  osip_header_t *h = NULL, *c = NULL;
  char *s = NULL;
  size_t i;
  int rc;

  osip_header_init(&h);
  rc = osip_header_to_str(h, &s);
  printf("header empty to_str = ");
  owned_str(rc, s);
  c = (osip_header_t *) 0x1;
  rc = osip_header_clone(h, &c);
  printf("header empty clone = %d %s\n", rc, c ? "set" : "NULL");
  for (i = 0; i < sizeof names / sizeof names[0]; i++) {
    osip_free(osip_header_get_name(h));
    osip_header_set_name(h, osip_strdup(names[i]));
    osip_free(osip_header_get_value(h));
    osip_header_set_value(h, i % 2 ? osip_strdup(" v a l ") : NULL);
    s = NULL;
    rc = osip_header_to_str(h, &s);
    printf("header ");
    esc(osip_header_get_name(h));
    printf(": ");
    esc(osip_header_get_value(h));
    printf(" to_str = ");
    owned_str(rc, s);
    c = NULL;
    rc = osip_header_clone(h, &c);
    s = NULL;
    printf("  clone = %d ", rc);
    rc = osip_header_to_str(c, &s);
    owned_str(rc, s);
    osip_header_free(c);
  }
  osip_header_free(h);
}

/* NULL arguments on which Debian does not crash. */
static void nulls(void) {
  char *s = (char *) 0x1;
  void *p = (void *) 0x1;
  osip_via_t *v = NULL;
  osip_from_t *f = NULL;
  osip_message_t *m = NULL;

#define TS(F)                                                                                                          \
  s = (char *) 0x1;                                                                                                    \
  printf(#F "(NULL) = %d %s\n", F(NULL, &s), s == NULL ? "NULL" : s == (char *) 0x1 ? "untouched" : "?");
  TS(osip_via_to_str)
  TS(osip_from_to_str)
  TS(osip_to_to_str)
  TS(osip_contact_to_str)
  TS(osip_route_to_str)
  TS(osip_record_route_to_str)
  TS(osip_call_id_to_str)
  TS(osip_cseq_to_str)
  TS(osip_content_type_to_str)
  TS(osip_accept_to_str)
  TS(osip_content_length_to_str)
  TS(osip_accept_encoding_to_str)
  TS(osip_call_info_to_str)
  TS(osip_header_to_str)
#define CL(F, T)                                                                                                       \
  {                                                                                                                    \
    T *d = (T *) 0x1;                                                                                                  \
    printf(#F "(NULL) = %d %s\n", F(NULL, &d), d == NULL ? "NULL" : "untouched");                                      \
  }
  CL(osip_via_clone, osip_via_t)
  CL(osip_from_clone, osip_from_t)
  CL(osip_to_clone, osip_to_t)
  CL(osip_contact_clone, osip_contact_t)
  CL(osip_call_id_clone, osip_call_id_t)
  CL(osip_cseq_clone, osip_cseq_t)
  CL(osip_content_type_clone, osip_content_type_t)
  CL(osip_content_length_clone, osip_content_length_t)
  CL(osip_accept_encoding_clone, osip_accept_encoding_t)
  CL(osip_call_info_clone, osip_call_info_t)
  CL(osip_header_clone, osip_header_t)
  osip_via_free(NULL);
  osip_from_free(NULL);
  osip_to_free(NULL);
  osip_contact_free(NULL);
  osip_route_free(NULL);
  osip_record_route_free(NULL);
  osip_call_id_free(NULL);
  osip_cseq_free(NULL);
  osip_content_type_free(NULL);
  osip_content_length_free(NULL);
  osip_accept_encoding_free(NULL);
  osip_call_info_free(NULL);
  osip_header_free(NULL);
  osip_message_free(NULL);
  printf("getters(NULL): %p %p %p %p %p %p %p %p %p %p %p\n", (void *) via_get_version(NULL),
         (void *) via_get_protocol(NULL), (void *) via_get_host(NULL), (void *) via_get_port(NULL),
         (void *) via_get_comment(NULL), (void *) osip_from_get_displayname(NULL), (void *) osip_from_get_url(NULL),
         (void *) osip_call_id_get_number(NULL), (void *) osip_call_id_get_host(NULL),
         (void *) osip_header_get_name(NULL), (void *) osip_header_get_value(NULL));
  printf("from_param_get(NULL) = %d %s\n", osip_from_param_get(NULL, 0, (osip_generic_param_t **) &p),
         p == NULL ? "NULL" : "?");
  printf("matches(NULL): %d %d %d %d %d %d %d\n", osip_via_match(NULL, NULL), osip_from_compare(NULL, NULL),
         osip_from_tag_match(NULL, NULL), osip_to_tag_match(NULL, NULL), osip_call_id_match(NULL, NULL),
         osip_cseq_match(NULL, NULL), 0);
  osip_via_init(&v);
  osip_from_init(&f);
  printf("parse(x, NULL): via %d from %d to %d route %d record_route %d\n", osip_via_parse(v, NULL),
         osip_from_parse(f, NULL), osip_to_parse(f, NULL), osip_route_parse(f, NULL),
         osip_record_route_parse(f, NULL));
  {
    osip_cseq_t *c = NULL;
    osip_content_length_t *l = NULL;
    osip_cseq_init(&c);
    osip_content_length_init(&l);
    printf("parse(x, NULL): cseq %d content_length %d content_type(NULL, NULL) %d\n", osip_cseq_parse(c, NULL),
           osip_content_length_parse(l, NULL), osip_content_type_parse(NULL, NULL));
    printf("parse(x, \"\"): via %d from %d cseq %d content_length %d\n", osip_via_parse(v, ""),
           osip_from_parse(f, ""), osip_cseq_parse(c, ""), osip_content_length_parse(l, ""));
    osip_cseq_free(c);
    osip_content_length_free(l);
  }
  osip_via_free(v);
  osip_from_free(f);
  p = (void *) 0x1;
  printf("message_get_via(NULL) = %d %s\n", osip_message_get_via(NULL, 0, (osip_via_t **) &p), p ? "?" : "NULL");
  p = (void *) 0x1;
  printf("message_get_contact(NULL) = %d %s\n", osip_message_get_contact(NULL, 0, (osip_contact_t **) &p),
         p ? "?" : "NULL");
  printf("fix_last_via_header(NULL) = %d\n", osip_message_fix_last_via_header(NULL, "h", 1));
  {
    /* The setters look at the value before the message. */
    static const struct {
      set_fn set;
      const char *name, *bad; /* bad: a value that does not parse (NULL: none) */
    } sets[] = {
        {osip_message_set_accept_encoding, "accept_encoding", ";q=1"},
        {osip_message_set_accept_language, "accept_language", ";x"},
        {osip_message_set_alert_info, "alert_info", "http://x"},
        {osip_message_set_allow, "allow", NULL},
        {osip_message_set_call_info, "call_info", "nothing"},
        {osip_message_set_contact, "contact", "bad"},
        {osip_message_set_content_encoding, "content_encoding", NULL},
        {osip_message_set_error_info, "error_info", "e"},
        {osip_message_set_record_route, "record_route", "<sip:a"},
        {osip_message_set_route, "route", "<>"},
        {osip_message_set_via, "via", "SIP/2.0"},
    };
    size_t k;
    for (k = 0; k < sizeof sets / sizeof sets[0]; k++) {
      printf("%s(NULL msg): NULL %d, \"\" %d", sets[k].name, sets[k].set(NULL, NULL), sets[k].set(NULL, ""));
      if (sets[k].bad != NULL) {
        printf(", ");
        esc(sets[k].bad);
        printf(" %d", sets[k].set(NULL, sets[k].bad));
      }
      putchar('\n');
    }
    for (k = 0; k < sizeof one_kinds / sizeof one_kinds[0]; k++) {
      const struct one_kind *ok = &one_kinds[k];
      if (strcmp(ok->name, "content_type") == 0)
        continue;
      printf("%s(NULL msg): NULL %d, \"\" %d\n", ok->name, ok->set(NULL, NULL), ok->set(NULL, ""));
    }
    printf("append_via(NULL msg): NULL %d, \"\" %d, \"bad\" %d\n", osip_message_append_via(NULL, NULL),
           osip_message_append_via(NULL, ""), osip_message_append_via(NULL, "bad"));
  }
  osip_message_init(&m);
  m->status_code = 180;
  printf("fix_last_via_header(response, NULL ip) = %d\n", osip_message_fix_last_via_header(m, NULL, 1));
  osip_message_free(m);
}

int main(int argc, char **argv) {
  const char *only = argc > 1 ? argv[1] : "";
  setvbuf(stdout, NULL, _IOLBF, 0);
  osip_set_allocators(h_malloc, h_realloc, h_free);
  if (!*only || !strcmp(only, "lists"))
    list_setters();
  if (!*only || !strcmp(only, "singles"))
    single_setters();
  if (!*only || !strcmp(only, "vias"))
    vias();
  if (!*only || !strcmp(only, "fields")) {
    via_fields();
    from_fields();
    small_fields();
    generic_header();
  }
  if (!*only || !strcmp(only, "pairs"))
    pairs();
  if (!*only || !strcmp(only, "nulls"))
    nulls();
  printf("leak = %ld blocks, foreign frees = %ld\n", live, foreign);
  return 0;
}
