/* message_api: what the message core of libosipparser2 computes where the
 * parser dump does not reach it: the parser's tables (parser_init,
 * parser_add_comma_separated_header, __osip_message_is_known_header,
 * __osip_message_is_header_comma_separated, __osip_message_call_method),
 * the generic header accessors (osip_message_set_header, _set_topheader,
 * _replace_header, _header_get_byname, _get_header,
 * _get_knownheaderlist), the start-line getters and setters, the cache
 * (osip_message_get__property, _force_update, to_str after a direct
 * edit), bodies built through the API (osip_message_set_body(_mime),
 * _get_body, osip_body_*), serialisation and clone of hand-built
 * messages, osip_message_set_multiple_header without a message. One
 * result a line, diffed between Debian's library and ours
 * (tests/parser_message_api.rs runs it with each).
 *
 * Only calls on which Debian's library neither crashes nor leaks are made
 * (the others are in docs/deviations.md). */
#include <osipparser2/osip_message.h>
#include <osipparser2/osip_parser.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int __osip_message_call_method(int i, osip_message_t *dest, const char *hvalue);
int __osip_message_is_header_comma_separated(const char *hname);
int __osip_message_is_known_header(const char *hname);

#include "hooks.h"

/* A returned buffer: its bytes, whether the hooks allocated it, freed. */
static void owned_buf(const char *what, int rc, char *s, size_t len) {
  printf("%s = %d ", what, rc);
  if (s == NULL) {
    printf("NULL");
  } else {
    esc_n(s, len);
    printf(" len=%zu", len);
    if (!owned(s))
      printf(" (NOT FROM THE HOOKS)");
    osip_free(s);
  }
  putchar('\n');
}

static void sipfrag(const char *what, osip_message_t *m) {
  char *s = NULL;
  size_t len = 0;
  int rc = osip_message_to_str_sipfrag(m, &s, &len);
  owned_buf(what, rc, s, len);
}

static void full(const char *what, osip_message_t *m) {
  char *s = NULL;
  size_t len = 0;
  int rc = osip_message_to_str(m, &s, &len);
  owned_buf(what, rc, s, len);
}

static void show_headers(const char *what, const osip_message_t *m) {
  int i;
  printf("%s: property=%d headers=%d", what, m->message_property, osip_list_size(&m->headers));
  for (i = 0; i < osip_list_size(&m->headers); i++) {
    const osip_header_t *h = osip_list_get(&m->headers, i);
    printf(" [");
    esc(h->hname);
    printf(": ");
    esc(h->hvalue);
    printf("]");
  }
  putchar('\n');
}

static osip_message_t *parsed(const char *text) {
  osip_message_t *m = NULL;
  int rc;
  osip_message_init(&m);
  rc = osip_message_parse(m, text, strlen(text));
  if (rc != 0)
    printf("parse failed: %d\n", rc);
  return m;
}

/* ------------------------------------------------------------------ */

static const char *names[] = {
    "accept", "accept-encoding", "accept-language", "alert-info", "allow", "authentication-info",
    "authorization", "c", "call-id", "call-info", "contact", "content-encoding", "content-length",
    "content-type", "cseq", "e", "error-info", "f", "from", "i", "l", "m", "mime-version",
    "proxy-authenticate", "proxy-authentication-info", "proxy-authorization", "record-route", "route",
    "t", "to", "v", "via", "www-authenticate", "Via", "VIA", "s", "k", "subject", "supported", "x",
    "", " via", "via ", "content-disposition", "max-forwards", "accept-contact", "a", "j", "d", "u",
    "P-Charging-Function-Addresses", "p-charging-function-addresses", "User-to-User", "Accept ",
};

/* One valid value per known-header index (what __osip_message_call_method
 * sets), then an invalid one. */
static const char *values[33] = {
    "application/sdp",
    "gzip",
    "en",
    "<http://a/b.wav>",
    "INVITE",
    "nextnonce=\"a\"",
    "Digest username=\"a\", realm=\"b\"",
    "text/plain",
    "abc@h",
    "<http://a>;purpose=icon",
    "<sip:a@b>",
    "gzip",
    "12",
    "text/plain",
    "1 INVITE",
    "deflate",
    "<sip:x@y>",
    "<sip:a@b>;tag=1",
    "<sip:a@b>;tag=2",
    "xyz@h",
    "7",
    "<sip:c@d>",
    "1.0",
    "Digest realm=\"r\"",
    "nextnonce=\"b\"",
    "Digest username=\"c\"",
    "<sip:r;lr>",
    "<sip:p;lr>",
    "<sip:t@u>",
    "<sip:v@w>",
    "SIP/2.0/UDP h;branch=z9hG4bK1",
    "SIP/2.0/TCP h:5061",
    "Digest realm=\"w\"",
};

static void tables(void) {
  char name[400];
  unsigned i;
  int n = 0, rc;

  /* Before parser_init the comma-separated table is empty (the known
   * header lookup would crash Debian: not called). */
  printf("before init: comma(Via) = %d\n", __osip_message_is_header_comma_separated("Via"));
  printf("before init: add(X-Pre) = %d\n", parser_add_comma_separated_header("X-Pre"));
  printf("before init: comma(x-pre) = %d\n", __osip_message_is_header_comma_separated("x-pre"));
  printf("parser_init = %d\n", parser_init());
  printf("after init: comma(x-pre) = %d\n", __osip_message_is_header_comma_separated("x-pre"));
  for (i = 0; i < sizeof names / sizeof *names; i++) {
    printf("known(");
    esc(names[i]);
    printf(") = %d comma = %d\n", __osip_message_is_known_header(names[i]),
           __osip_message_is_header_comma_separated(names[i]));
  }
  printf("add('') = %d\n", parser_add_comma_separated_header(""));
  memset(name, 'a', 300);
  name[300] = '\0';
  printf("add(300 bytes) = %d\n", parser_add_comma_separated_header(name));
  name[255] = '\0';
  printf("comma(255 bytes) = %d\n", __osip_message_is_header_comma_separated(name));
  name[255] = 'a';
  name[256] = '\0';
  printf("comma(256 bytes) = %d\n", __osip_message_is_header_comma_separated(name));
  for (;;) {
    snprintf(name, sizeof name, "X-%d", n);
    rc = parser_add_comma_separated_header(name);
    if (rc != 0)
      break;
    n++;
  }
  printf("added until full: %d, then %d; add('') = %d\n", n, rc, parser_add_comma_separated_header(""));
  printf("comma(x-7) = %d comma(X-%d) = %d\n", __osip_message_is_header_comma_separated("x-7"), n - 1,
         __osip_message_is_header_comma_separated(name));
  printf("parser_init = %d\n", parser_init());
  printf("comma(x-7) = %d comma(via) = %d\n", __osip_message_is_header_comma_separated("x-7"),
         __osip_message_is_header_comma_separated("via"));
  printf("add(X-Split) = %d\n", parser_add_comma_separated_header("X-Split"));
  {
    osip_message_t *m = parsed("OPTIONS sip:a@b SIP/2.0\r\nX-Split: a, b\r\nX-Other: a, b\r\n\r\n");
    sipfrag("split after add", m);
    osip_message_free(m);
  }
  printf("parser_init = %d\n", parser_init());
}

static void call_method(void) {
  int i;
  for (i = 0; i < 33; i++) {
    osip_message_t *m = NULL;
    const char *bad[] = {"x", "", NULL};
    unsigned b;
    osip_message_init(&m);
    printf("call_method(%d, ", i);
    esc(values[i]);
    printf(") = %d", __osip_message_call_method(i, m, values[i]));
    printf(" again = %d", __osip_message_call_method(i, m, values[i]));
    for (b = 0; b < 3; b++) {
      printf(" bad(");
      esc(bad[b]);
      printf(") = %d", __osip_message_call_method(i, m, bad[b]));
    }
    printf(" property=%d\n", m->message_property);
    sipfrag("  sipfrag", m);
    osip_message_free(m);
  }
}

static void generic_headers(void) {
  osip_message_t *m = NULL;
  osip_header_t *h = NULL;
  int i;
  const int pos[] = {0, 1, 2, 3, 4, 5, 100};
  const char *find[] = {"x-a", "X-A", "X-B", " X-A", "x-c", "X-TOP", "none", ""};
  unsigned a, b;

  osip_message_init(&m);
  printf("set_header(NULL) = %d\n", osip_message_set_header(NULL, "a", "b"));
  printf("set_header(m, NULL) = %d\n", osip_message_set_header(m, NULL, "b"));
  printf("set_topheader(m, NULL) = %d\n", osip_message_set_topheader(m, NULL, "b"));
  printf("replace_header(m, NULL) = %d\n", osip_message_replace_header(m, NULL, "b"));
  show_headers("empty", m);
  printf("get_byname(empty, x, 0) = %d\n", osip_message_header_get_byname(m, "x", 0, &h));
  printf("replace_header(x-none) = %d\n", osip_message_replace_header(m, "X-None", "v"));
  printf("set_header = %d\n", osip_message_set_header(m, "  X-A  ", "  one  "));
  printf("set_header = %d\n", osip_message_set_header(m, "X-B", NULL));
  printf("set_header = %d\n", osip_message_set_header(m, "x-a", "\t two \r\n"));
  printf("set_header = %d\n", osip_message_set_header(m, "", ""));
  printf("set_topheader = %d\n", osip_message_set_topheader(m, "X-Top", "t"));
  show_headers("after sets", m);
  for (a = 0; a < sizeof find / sizeof *find; a++)
    for (b = 0; b < sizeof pos / sizeof *pos; b++) {
      int r = osip_message_header_get_byname(m, find[a], pos[b], &h);
      printf("get_byname(");
      esc(find[a]);
      printf(", %d) = %d ", pos[b], r);
      esc(h ? h->hvalue : NULL);
      putchar('\n');
    }
  for (i = -3; i <= 7; i++) {
    int r = osip_message_get_header(m, i, &h);
    printf("get_header(%d) = %d ", i, r);
    esc(h ? h->hname : NULL);
    putchar('\n');
  }
  printf("replace_header(x-a) = %d\n", osip_message_replace_header(m, "x-a", "three"));
  printf("replace_header(X-TOP) = %d\n", osip_message_replace_header(m, "X-TOP", NULL));
  show_headers("after replaces", m);
  sipfrag("sipfrag", m);
  printf("property after to_str = %d\n", osip_message_get__property(m));
  printf("set_header after to_str = %d property = %d\n", osip_message_set_header(m, "Y", "z"),
         osip_message_get__property(m));
  {
    void *e = NULL;
    osip_message_set_via(m, "SIP/2.0/UDP a");
    osip_message_set_via(m, "SIP/2.0/UDP b");
    for (i = -2; i <= 3; i++) {
      int r = osip_message_get_knownheaderlist(&m->vias, i, &e);
      printf("get_knownheaderlist(vias, %d) = %d %s\n", i, r,
             e == NULL ? "NULL" : ((osip_via_t *) e)->host);
    }
    for (i = -4; i <= 1; i++) {
      int r = osip_message_get_knownheaderlist(NULL, i, &e);
      printf("get_knownheaderlist(NULL, %d) = %d %s\n", i, r, e == NULL ? "NULL" : "set");
    }
  }
  full("full", m);
  osip_message_free(m);
}

static void start_line_fields(void) {
  osip_message_t *m = parsed("INVITE sip:bob@h SIP/2.0\r\nVia: SIP/2.0/UDP h\r\n\r\n");
  osip_message_t *r = parsed("SIP/2.0 180 Ringing\r\nVia: SIP/2.0/UDP h\r\n\r\n");
  char *old;
  osip_uri_t *u = NULL, *oldu;

  printf("req: method=");
  esc(osip_message_get_method(m));
  printf(" version=");
  esc(osip_message_get_version(m));
  printf(" uri=%s status=%d reason=", osip_message_get_uri(m) ? osip_message_get_uri(m)->host : "NULL",
         osip_message_get_status_code(m));
  esc(osip_message_get_reason_phrase(m));
  printf("\nresp: method=");
  esc(osip_message_get_method(r));
  printf(" version=");
  esc(osip_message_get_version(r));
  printf(" uri=%s status=%d reason=", osip_message_get_uri(r) ? "set" : "NULL", osip_message_get_status_code(r));
  esc(osip_message_get_reason_phrase(r));
  printf("\n");

  full("req", m);
  old = osip_message_get_method(m);
  osip_message_set_method(m, osip_strdup("OPTIONS"));
  osip_free(old);
  full("req after set_method (cached)", m);
  printf("force_update = %d property = %d\n", osip_message_force_update(m), osip_message_get__property(m));
  full("req after force_update", m);
  old = osip_message_get_version(m);
  osip_message_set_version(m, NULL);
  osip_free(old);
  osip_message_force_update(m);
  full("req without version", m);
  osip_uri_init(&u);
  osip_uri_parse(u, "sips:carol@example.com;transport=tcp");
  oldu = osip_message_get_uri(m);
  osip_message_set_uri(m, u);
  osip_uri_free(oldu);
  osip_message_set_version(m, osip_strdup("sip/3.0"));
  osip_message_force_update(m);
  full("req with new uri", m);
  oldu = osip_message_get_uri(m);
  osip_message_set_uri(m, NULL);
  osip_message_force_update(m);
  full("req without uri", m);
  osip_message_set_uri(m, oldu);

  old = osip_message_get_reason_phrase(r);
  osip_message_set_reason_phrase(r, osip_strdup("Wait"));
  osip_free(old);
  osip_message_set_status_code(r, 182);
  full("resp (not cached yet)", r);
  osip_message_set_status_code(r, 99);
  osip_message_force_update(r);
  full("resp 99", r);
  osip_message_set_status_code(r, 700);
  full("resp 700", r);
  osip_message_set_status_code(r, 699);
  full("resp 699", r);
  osip_message_set_status_code(r, 100);
  old = osip_message_get_reason_phrase(r);
  osip_message_set_reason_phrase(r, NULL);
  osip_free(old);
  osip_message_force_update(r);
  full("resp no reason", r);
  sipfrag("resp no reason sipfrag", r);
  osip_message_free(m);
  osip_message_free(r);

  osip_message_init(&m);
  full("empty", m);
  sipfrag("empty sipfrag", m);
  printf("property = %d\n", osip_message_get__property(m));
  osip_message_free(m);
  printf("property(NULL) = %d force_update(NULL) = %d\n", osip_message_get__property(NULL),
         osip_message_force_update(NULL));
}

static void cache(void) {
  osip_message_t *m = parsed("INVITE sip:bob@h SIP/2.0\r\nCall-ID: a@h\r\nCSeq: 1 INVITE\r\n\r\n");
  osip_message_t *c = NULL;
  char *s = NULL;
  size_t len = 0;
  int rc;

  printf("property after parse = %d message=%s len=%zu\n", osip_message_get__property(m),
         m->message ? "set" : "NULL", m->message_length);
  rc = osip_message_to_str(m, &s, NULL);
  printf("to_str(len NULL) = %d %s\n", rc, s && owned(s) ? "owned" : "?");
  osip_free(s);
  printf("property = %d message_length = %zu\n", osip_message_get__property(m), m->message_length);
  osip_free(m->call_id->number);
  m->call_id->number = osip_strdup("changed");
  full("after a direct edit (cached)", m);
  rc = osip_message_clone(m, &c);
  printf("clone = %d property = %d length = %zu\n", rc, c->message_property, c->message_length);
  full("clone (cached)", c);
  osip_message_force_update(c);
  full("clone after force_update", c);
  osip_message_free(c);
  osip_message_force_update(m);
  full("after force_update", m);
  rc = osip_message_to_str(NULL, &s, &len);
  printf("to_str(NULL) = %d %s\n", rc, s ? "set" : "NULL");
  rc = osip_message_clone(NULL, &c);
  printf("clone(NULL) = %d %s\n", rc, c ? "set" : "NULL");
  osip_message_free(m);
}

static void show_body(const char *what, const osip_body_t *b) {
  int i;
  printf("%s: length=%zu body=", what, b->length);
  if (b->body)
    esc_n(b->body, b->length);
  else
    printf("NULL");
  printf(" ct=");
  if (b->content_type)
    printf("%s/%s", b->content_type->type ? b->content_type->type : "NULL",
           b->content_type->subtype ? b->content_type->subtype : "NULL");
  else
    printf("NULL");
  printf(" headers=%d", osip_list_size(b->headers));
  for (i = 0; i < osip_list_size(b->headers); i++) {
    const osip_header_t *h = osip_list_get(b->headers, i);
    printf(" [%s: %s]", h->hname, h->hvalue);
  }
  putchar('\n');
}

static void body_str(const char *what, const osip_body_t *b) {
  char *s = NULL;
  size_t len = 99;
  int rc = osip_body_to_str(b, &s, &len);
  printf("%s: len=%zu ", what, len);
  owned_buf("to_str", rc, s, len);
}

#define MIME "Content-Type: a/b\r\nX: y\r\n\r\nzz"

static void bodies(void) {
  osip_body_t *b = NULL, *c = NULL;
  osip_message_t *m = NULL;
  int i, rc;
  char *s = NULL;

  printf("body_init = %d\n", osip_body_init(&b));
  show_body("fresh", b);
  body_str("fresh", b);
  printf("parse(NULL body) = %d parse(NULL buf) = %d mime(NULL buf) = %d\n", osip_body_parse(NULL, "x", 1),
         osip_body_parse(b, NULL, 1), osip_body_parse_mime(b, NULL, 1));
  printf("set_contenttype(NULL) = %d (b, NULL) = %d\n", osip_body_set_contenttype(NULL, "a/b"),
         osip_body_set_contenttype(b, NULL));
  printf("set_contenttype(bad) = %d\n", osip_body_set_contenttype(b, "nosubtype"));
  show_body("after bad content type", b);
  printf("set_contenttype = %d\n", osip_body_set_contenttype(b, "text/plain;charset=utf-8"));
  printf("set_header(NULL...) = %d %d %d\n", osip_body_set_header(NULL, "a", "b"),
         osip_body_set_header(b, NULL, "b"), osip_body_set_header(b, "a", NULL));
  printf("set_header = %d\n", osip_body_set_header(b, "Content-ID", " <a@b> "));
  printf("set_header = %d\n", osip_body_set_header(b, "x-lower", ""));
  body_str("no bytes", b);
  printf("parse = %d\n", osip_body_parse(b, "hello\0world", 11));
  show_body("parsed", b);
  body_str("parsed", b);
  rc = osip_body_to_str(b, &s, NULL);
  printf("to_str(len NULL) = %d\n", rc);
  osip_free(s);
  printf("to_str(NULL) = %d\n", osip_body_to_str(NULL, &s, NULL));
  rc = osip_body_clone(b, &c);
  printf("clone = %d\n", rc);
  show_body("clone", c);
  body_str("clone", c);
  osip_body_free(c);
  c = NULL;
  printf("clone(NULL) = %d\n", osip_body_clone(NULL, &c));
  osip_body_free(b);
  osip_body_free(NULL);

  osip_body_init(&b);
  printf("parse empty = %d\n", osip_body_parse(b, "", 0));
  body_str("empty", b);
  printf("clone empty = %d %s\n", osip_body_clone(b, &c), c ? "set" : "NULL");
  osip_body_free(b);

  osip_message_init(&m);
  printf("set_body(NULL buf) = %d\n", osip_message_set_body(m, NULL, 3));
  printf("set_body_mime(NULL msg) = %d\n", osip_message_set_body_mime(NULL, "X: a\r\n\r\nb", 9));
  printf("set_body_mime(bad) = %d property = %d\n", osip_message_set_body_mime(m, "no headers", 10),
         m->message_property);
  printf("set_body = %d property = %d\n", osip_message_set_body(m, "v=0\r\n", 5), m->message_property);
  printf("set_body_mime = %d\n", osip_message_set_body_mime(m, MIME, strlen(MIME)));
  printf("set_body = %d\n", osip_message_set_body(m, "a\0b", 3));
  for (i = -2; i <= 4; i++) {
    osip_body_t *g = NULL;
    rc = osip_message_get_body(m, i, &g);
    printf("get_body(%d) = %d %s\n", i, rc, g ? "set" : "NULL");
  }
  osip_message_set_method(m, osip_strdup("MESSAGE"));
  {
    osip_uri_t *u = NULL;
    osip_uri_init(&u);
    osip_uri_parse(u, "sip:a@b");
    osip_message_set_uri(m, u);
  }
  full("three bodies, no type", m);
  osip_message_set_content_type(m, "multipart/mixed;boundary=\"zz\"");
  osip_message_force_update(m);
  full("three bodies, multipart", m);
  sipfrag("three bodies, multipart, sipfrag", m);
  {
    osip_message_t *c2 = NULL;
    rc = osip_message_clone(m, &c2);
    printf("clone = %d\n", rc);
    osip_message_force_update(c2);
    full("clone", c2);
    printf("set_body empty = %d\n", osip_message_set_body(c2, "", 0));
    {
      osip_message_t *c3 = NULL;
      printf("clone with empty body = %d %s\n", osip_message_clone(c2, &c3), c3 ? "set" : "NULL");
    }
    osip_message_force_update(c2);
    full("with an empty body", c2);
    osip_message_free(c2);
  }
  osip_message_free(m);
}

static void multiple_header(void) {
  char name[64];
  char value[64];
  osip_message_t *m = NULL;
  int rc;

  strcpy(name, "X-Unknown");
  strcpy(value, "a, b");
  rc = osip_message_set_multiple_header(NULL, name, value);
  printf("set_multiple_header(NULL, X-Unknown) = %d name after = %s\n", rc, name);
  strcpy(name, "SUPPORTED");
  rc = osip_message_set_multiple_header(NULL, name, value);
  printf("set_multiple_header(NULL, SUPPORTED) = %d name after = %s\n", rc, name);
  strcpy(name, "Via");
  strcpy(value, "bad via");
  rc = osip_message_set_multiple_header(NULL, name, value);
  printf("set_multiple_header(NULL, Via, bad) = %d\n", rc);
  strcpy(name, "From");
  rc = osip_message_set_multiple_header(NULL, name, NULL);
  printf("set_multiple_header(NULL, From, NULL) = %d\n", rc);
  strcpy(name, "X-Null");
  rc = osip_message_set_multiple_header(NULL, name, NULL);
  printf("set_multiple_header(NULL, X-Null, NULL) = %d\n", rc);

  osip_message_init(&m);
  strcpy(name, "X-Null");
  printf("set_multiple_header(m, X-Null, NULL) = %d\n", osip_message_set_multiple_header(m, name, NULL));
  strcpy(name, "ALLOW");
  strcpy(value, " INVITE ,, ACK , ");
  printf("set_multiple_header(m, ALLOW) = %d\n", osip_message_set_multiple_header(m, name, value));
  strcpy(name, "Accept");
  printf("set_multiple_header(m, Accept, NULL) = %d\n", osip_message_set_multiple_header(m, name, NULL));
  strcpy(name, "Call-ID");
  strcpy(value, "a@b");
  printf("set_multiple_header(m, Call-ID) = %d\n", osip_message_set_multiple_header(m, name, value));
  printf("set_multiple_header(m, Call-ID) again = %d\n", osip_message_set_multiple_header(m, name, value));
  show_headers("multiple", m);
  sipfrag("multiple", m);
  osip_message_free(m);
}

/* Traces: level and text (the file and line are no contract). */
static void trace_sink(const char *fi, int li, osip_trace_level_t level, const char *chfr, va_list ap) {
  char buf[2048];
  (void) fi;
  (void) li;
  vsnprintf(buf, sizeof buf, chfr, ap);
  printf("trace %d ", (int) level);
  esc(buf);
  putchar('\n');
}

int main(void) {
  osip_trace_initialize_func(END_TRACE_LEVEL, trace_sink);
  osip_set_allocators(h_malloc, h_realloc, h_free);
  tables();
  call_method();
  generic_headers();
  start_line_fields();
  cache();
  bodies();
  multiple_header();
  printf("reason(200) = %s reason(608) = %s\n", osip_message_get_reason(200),
         osip_message_get_reason(608) ? "set" : "NULL");
  printf("leak = %ld blocks, foreign frees = %ld\n", live, foreign);
  return 0;
}
